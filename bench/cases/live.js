/**
 * live: lint 50 domains whose SPF records share provider includes (Google, Outlook, a five-level
 * Mailhop chain, Zendesk) plus one include of their own, against a local DNS server that waits
 * 20 ms before every answer. Two figures matter, both printed with each side's result:
 *
 * - queries sent vs unique (name, type) pairs asked: equal means nothing is asked twice;
 * - wall time vs (deepest tree, in round trips) × 20 ms: the least any resolver can take, since
 *   each level of a tree needs the answer of the level above. Aim: within 1.5×.
 *
 * The peer is the same lint() with a sequential resolver (one query on the wire at a time), the
 * baseline of a walker that waits for each answer before asking the next.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildExport, notBuilt } from '../lib/case.js'
import { startBenchDnsProcess } from '../support/dns-server.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const PROVIDERS = path.join(ROOT, 'test/fixtures/dns/providers.json')
const DELAY_MS = 20
const ESP = 'esp.bench'

/** Split a record's text into 255-octet character-strings (RFC 7208 §3.3). @param {string} text */
function strings(text) {
  const out = []
  for (let i = 0; i < text.length; i += 255) out.push(text.slice(i, i + 255))
  return out
}

/** The SPF record of domain number i: its own include plus a rotating mix of shared ones. */
function spfOf(/** @type {number} */ i) {
  const terms = [`include:d${i}.spf.${ESP}`]
  if (i % 2 === 0) terms.push('include:_spf.google.com')
  if (i % 3 === 0) terms.push('include:spf.protection.outlook.com')
  if (i % 5 === 0) terms.push('include:outbound.mailhop.org')
  if (i % 7 === 0) terms.push('include:mail.zendesk.com')
  return `v=spf1 ${terms.join(' ')} -all`
}

/** The DNS server's data: the provider records, and each domain's own include. */
function serverData(/** @type {number} */ domains) {
  const file = JSON.parse(fs.readFileSync(PROVIDERS, 'utf8'))
  /** @type {import('../support/dns-server.js').BenchRecord[]} */
  const records = file.records.map((/** @type {any} */ r) => ({
    name: r.name,
    type: 'TXT',
    strings: strings(r.text),
  }))
  for (let i = 0; i < domains; i++) {
    const text = `v=spf1 ip4:198.51.100.${i} include:servers.mcsv.net -all`
    records.push({ name: `d${i}.spf.${ESP}`, type: 'TXT', strings: [text] })
  }
  // Each provider name's zone is its last two labels (google.com, msft.net, ...).
  const zones = [...new Set(records.map((r) => r.name.split('.').slice(-2).join('.')))]
  return { zones, records }
}

/** One BIND zone file per domain, in a fresh folder. */
function writeRepository(/** @type {number} */ domains) {
  const dir = path.join(ROOT, '.bench-data', `live-${domains}`)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  for (let i = 0; i < domains; i++) {
    const zone = `d${i}.live.example`
    const text = [
      `$ORIGIN ${zone}.`,
      '$TTL 1h',
      '@ SOA ns1 hostmaster 1 2h 1h 14d 1h',
      '@ NS ns1',
      'ns1 A 192.0.2.53',
      `@ TXT "${spfOf(i)}"`,
      '',
    ].join('\n')
    fs.writeFileSync(path.join(dir, `db.${zone}`), text)
  }
  return dir
}

/**
 * Round trips on the longest path of a lookup tree: each include/redirect and each a/mx/exists
 * needs one answer after its parent's (an `a` that finds no A record asks AAAA next: two).
 * @param {any} node
 * @returns {number}
 */
function rounds(node) {
  const own =
    node.kind === 'root' || node.kind === 'ptr' || node.status === 'macro'
      ? 0
      : node.kind === 'a' && node.status === 'void'
        ? 2
        : 1
  return own + Math.max(0, ...node.children.map(rounds))
}

async function ourApi() {
  const lint = await buildExport('lint.js', 'lint')
  const LiveResolver = await buildExport('dns/live.js', 'LiveResolver')
  return lint && LiveResolver ? { lint, LiveResolver } : null
}

/**
 * One side: lint the repository with live DNS through `resolverFor(address)` (undefined: the
 * built-in live resolver), measured at the server.
 * @param {(api: any, address: string) => any} resolverFor
 * @param {string} label
 * @returns {import('../lib/case.js').JsSide}
 */
function side(resolverFor, label) {
  return {
    kind: 'js',
    async probe() {
      return (await ourApi())
        ? { ready: true, label }
        : notBuilt('src/lint.ts with live DNS (src/dns/setup.ts)')
    },
    async setup(params) {
      const api = /** @type {any} */ (await ourApi())
      // Untimed: one offline run first, so the timed one does not pay for first-call work
      // (compiling the schemas, warming the JIT) that has nothing to do with DNS.
      await api.lint({ root: params.dir, cwd: params.dir, live: false })
      const server = await startBenchDnsProcess(serverData(params.domains), {
        delayMs: params.delayMs,
      })
      const resolver = resolverFor(api, server.address)
      const live = resolver ? { resolver } : { servers: [server.address] }
      return { api, server, live, params }
    },
    async run({ api, server, live, params }) {
      const started = performance.now()
      const result = await api.lint({ root: params.dir, cwd: params.dir, live })
      const wallMs = performance.now() - started
      const log = await server.stop()
      const questions = log.filter((/** @type {any} */ q) => q.transport === 'udp')
      const unique = new Set(questions.map((/** @type {any} */ q) => `${q.type} ${q.name}`))
      const depth = Math.max(...result.spf.map((/** @type {any} */ e) => rounds(e.tree.root)))
      const floorMs = depth * params.delayMs
      // From the first question received to the last answer sent, as the server saw it.
      const dnsMs =
        Math.max(...log.map((/** @type {any} */ q) => q.answeredAt)) -
        Math.min(...log.map((/** @type {any} */ q) => q.at))
      return {
        domains: result.spf.length,
        queriesSent: questions.length,
        uniquePairs: unique.size,
        tcpRetries: log.length - questions.length,
        depth,
        wallMs: Math.round(wallMs),
        dnsMs: Math.round(dnsMs),
        floorMs,
        wallOverFloor: Number((wallMs / floorMs).toFixed(2)),
        dnsErrors: result.findings.filter((/** @type {any} */ f) => f.ruleId === 'SPF602').length,
      }
    },
  }
}

/** @type {import('../lib/case.js').BenchCase} */
export default {
  name: 'live',
  title: `live DNS: 50 domains sharing provider includes, ${DELAY_MS} ms per answer (quick: 10)`,
  aim: { ratio: 0.5 },
  timing: 'inner',
  async prepare({ quick }) {
    if (!fs.existsSync(PROVIDERS)) return { skip: `provider data not found (${PROVIDERS})` }
    const domains = quick ? 10 : 50
    return { domains, delayMs: DELAY_MS, dir: writeRepository(domains) }
  },
  ours: side(() => undefined, 'spf-lint lint() --live (parallel walk, shared in-flight queries)'),
  peer: side(
    (api, address) =>
      new api.LiveResolver({
        servers: [address],
        timeoutMs: 2000,
        tries: 2,
        concurrency: 1,
        maxQueries: 5000,
        deadlineMs: 120_000,
      }),
    'sequential baseline: the same lint() with one query on the wire at a time',
  ),
}
