/**
 * check_host() against the two reference evaluators, pyspf (Debian `python3-spf`) and Mail::SPF
 * (`libmail-spf-perl`), on random policies: include and redirect chains, every mechanism with
 * and without CIDR lengths, macros, `exp=`, void and failing lookups, more than one SPF record,
 * too many MX names, and a few syntax errors. Every evaluator sees the same DNS (the oracles in
 * test/support/ answer from the zonedata that MemoryResolver serves us); every result must be
 * the same, and so must every explanation that an `exp=` gives, except where an oracle departs
 * from RFC 7208 as listed below (and in docs/openspf.md). `npm run fuzz` multiplies the count.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { MemoryResolver, type MemoryRecord, type MemoryZone } from '../../src/dns/memory.js'
import { checkHost } from '../../src/spf/evaluate.js'
import { REPO, runs, SEED } from './support.js'

/** One clock for every check: `%{t}` is not used, but the engine reads it. */
const NOW = { now: 1_700_000_000 }

/** Names with records; `nx.example` never has any. */
const NAMES = ['a.example', 'b.example', 'c.example', 'd.example', 'mx.example', 'nx.example']
const HOSTS_V4 = ['192.0.2.1', '192.0.2.2', '192.0.2.130', '198.51.100.7']
const HOSTS_V6 = ['2001:db8::1', '2001:db8::2', '2001:db8:1::5']
const EXP_NAME = 'why.example'
/**
 * What the clients' PTR records name. These always have addresses of both families: pyspf looks
 * up the address of every PTR name, also one that cannot match the `ptr` target, and makes a
 * DNS error there a temperror, where §5.5 skips the name (Mail::SPF and we look up only the
 * names that can match). With names that always resolve, `ptr` is compared everywhere else.
 */
const PTR_HOSTS = ['host.a.example', 'host.b.example', 'mail.c.example']

interface Query {
  ip: string
  sender: string
  helo: string
}

interface Scenario {
  zonedata: MemoryZone
  queries: Query[]
}

const qualifier = fc.constantFrom('', '', '', '+', '-', '~', '?')
const name = fc.constantFrom(...NAMES)
const cidr4 = fc.constantFrom('', '', '/32', '/24', '/16', '/0')
const cidr6 = fc.constantFrom('', '', '/128', '/64', '/32', '/0')
/** `a` and `mx` take both lengths: `/24//64`. */
const dualCidr = fc.tuple(cidr4, cidr6).map(([v4, v6]) => v4 + (v6 ? `/${v6}` : ''))
const target = fc.oneof(
  name,
  fc.constantFrom('%{d}', '%{o}', 'sub.%{d2}', '%{l}.a.example', '%{h}'),
)

const mechanism = fc.oneof(
  { weight: 2, arbitrary: qualifier.map((q) => `${q}all`) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(qualifier, fc.constantFrom(...HOSTS_V4, '192.0.2.0', '198.51.0.0'), cidr4)
      .map(([q, ip, c]) => `${q}ip4:${ip}${c}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(qualifier, fc.constantFrom(...HOSTS_V6, '2001:db8::'), cidr6)
      .map(([q, ip, c]) => `${q}ip6:${ip}${c}`),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(qualifier, fc.constantFrom('a', 'mx'), fc.option(target), dualCidr)
      .map(([q, m, t, c]) => `${q}${m}${t === null ? '' : `:${t}`}${c}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(qualifier, fc.option(name))
      .map(([q, t]) => `${q}ptr${t === null ? '' : `:${t}`}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        qualifier,
        fc.constantFrom(
          '%{i}.a.example',
          '%{ir}.%{v}.b.example',
          'c.example',
          '%{p}',
          // Transformers and delimiters (§7.3): the right-hand parts, reversed, split on "-".
          '%{l1r-}.%{d2}',
          '%{ir}.%{l2}._spf.%{o}',
        ),
      )
      .map(([q, t]) => `${q}exists:${t}`),
  },
  { weight: 3, arbitrary: fc.tuple(qualifier, target).map(([q, t]) => `${q}include:${t}`) },
)

const term = fc.oneof(
  { weight: 12, arbitrary: mechanism },
  { weight: 1, arbitrary: name.map((t) => `redirect=${t}`) },
  { weight: 1, arbitrary: fc.constant(`exp=${EXP_NAME}`) },
  { weight: 1, arbitrary: fc.constantFrom('unknown=x', 'x-note=%{d}') },
  {
    // Mistakes receivers treat as syntax errors (§4.6): permerror on both sides.
    weight: 1,
    arbitrary: fc.constantFrom('ip4:192.0.2.300', 'a:', 'include', 'ip4:192.0.2.1/33', '-al'),
  },
)

const spfRecord = fc.array(term, { maxLength: 6 }).map((terms) => ['v=spf1', ...terms].join(' '))

/** The TXT records of one name: none, one SPF record, two, or other text. */
const txtRecords: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 8, arbitrary: spfRecord.map((r) => [r]) },
  { weight: 1, arbitrary: spfRecord.map((r) => [r, 'other text']) },
  { weight: 1, arbitrary: fc.tuple(spfRecord, spfRecord).map(([r, s]) => [r, s]) },
  { weight: 1, arbitrary: fc.constant<string[]>(['not an spf record']) },
  { weight: 2, arbitrary: fc.constant<string[]>([]) },
)

const mxRecords = fc.oneof(
  { weight: 6, arbitrary: fc.array(name, { maxLength: 2 }) },
  // More MX names than check_host() may look up (§4.6.4).
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 11 }, (_, i) => `mx${i}.example`)) },
)

const nameRecords = fc
  .record({
    txt: txtRecords,
    a: fc.subarray(HOSTS_V4, { maxLength: 2 }),
    aaaa: fc.subarray(HOSTS_V6, { maxLength: 1 }),
    mx: mxRecords,
    fails: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.04),
  })
  .map(({ txt, a, aaaa, mx, fails }): MemoryRecord[] => {
    if (fails) return ['TIMEOUT']
    return [
      ...txt.map((t): MemoryRecord => ({ TXT: t })),
      ...a.map((ip): MemoryRecord => ({ A: ip })),
      ...aaaa.map((ip): MemoryRecord => ({ AAAA: ip })),
      ...mx.map((host, i): MemoryRecord => ({ MX: [10 * (i + 1), host] })),
    ]
  })

const query = fc.record({
  // An IPv4-mapped IPv6 client is an IPv4 client (§5).
  ip: fc.constantFrom(...HOSTS_V4, ...HOSTS_V6, '::ffff:192.0.2.1'),
  sender: fc
    .tuple(fc.constantFrom('user', 'postmaster', 'first.last', 'a-b-c'), name)
    .map(([l, d]) => `${l}@${d}`),
  helo: name,
})

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    records: fc.tuple(...NAMES.filter((n) => n !== 'nx.example').map(() => nameRecords)),
    mxHosts: fc.subarray(HOSTS_V4, { minLength: 1, maxLength: 2 }),
    ptr: fc.subarray([...HOSTS_V4, ...HOSTS_V6]),
    ptrName: fc.constantFrom(...PTR_HOSTS),
    ptrHosts: fc.tuple(
      ...PTR_HOSTS.map(() =>
        fc.tuple(
          fc.subarray(HOSTS_V4, { minLength: 1, maxLength: 2 }),
          fc.subarray(HOSTS_V6, { minLength: 1, maxLength: 1 }),
        ),
      ),
    ),
    queries: fc.array(query, { minLength: 1, maxLength: 4 }),
  })
  .map(({ records, mxHosts, ptr, ptrName, ptrHosts, queries }) => {
    const zonedata: MemoryZone = {}
    NAMES.filter((n) => n !== 'nx.example').forEach((n, i) => (zonedata[n] = records[i] ?? []))
    for (let i = 0; i < 11; i++) zonedata[`mx${i}.example`] = mxHosts.map((ip) => ({ A: ip }))
    zonedata[EXP_NAME] = [
      // No %{p} here: pyspf expands every exp= text before evaluating the mechanisms, and counts
      // the PTR lookups of a %{p} in it as void lookups (§6.2: only a fail asks for the text).
      { TXT: ['%{c} (%{i}) is not one of %{d}', "'s senders (%{s}, %{h}, %{v})"] },
    ]
    for (const ip of ptr) zonedata[reverseName(ip)] = [{ PTR: ptrName }]
    PTR_HOSTS.forEach((host, i) => {
      const [v4 = [], v6 = []] = ptrHosts[i] ?? []
      zonedata[host] = [...v4.map((ip) => ({ A: ip })), ...v6.map((ip) => ({ AAAA: ip }))]
    })
    return { zonedata, queries }
  })

/** The in-addr.arpa or ip6.arpa name of one of the hosts above (§5.5). */
function reverseName(ip: string): string {
  if (!ip.includes(':')) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`
  const [head = '', tail = ''] = ip.split('::')
  const groups = (s: string): string[] => (s ? s.split(':') : [])
  const zeros = 8 - groups(head).length - groups(tail).length
  const all = [...groups(head), ...Array<string>(zeros).fill('0'), ...groups(tail)]
  const nibbles = all.map((g) => g.padStart(4, '0')).join('')
  return `${[...nibbles].reverse().join('.')}.ip6.arpa`
}

interface Compared {
  query: Query
  zone: MemoryZone
  ours: { result: string; explanation?: string; decidedBy?: { term: string } }
  oracle: { result: string; explanation: string }
}

/**
 * One way an oracle departs from RFC 7208: told by what it answered (`applies`), or, more
 * strictly, by giving our engine a zone rewritten to do what the oracle does (`emulate`): the
 * case is that departure only when our result on that zone is the oracle's.
 */
type Departure = { why: string } & (
  | { applies: (c: Compared) => boolean; emulate?: undefined }
  | { emulate: (zone: MemoryZone, query: Query) => MemoryZone; applies?: undefined }
)

interface Oracle {
  name: string
  /** The interpreter that has the evaluator installed, and the script. */
  command: () => [string, string] | null
  install: string
  /** Where it departs from RFC 7208. Cases it departs on are counted, not compared. */
  departures: Departure[]
}

/** An IPv6 client; an IPv4-mapped address is an IPv4 client (§5). */
function isIp6Client(ip: string): boolean {
  return ip.includes(':') && !ip.toLowerCase().startsWith('::ffff:')
}

/** The zone with every name's entries passed through `f`. */
function mapEntries(zone: MemoryZone, f: (entries: MemoryRecord[]) => MemoryRecord[]): MemoryZone {
  return Object.fromEntries(Object.entries(zone).map(([name, entries]) => [name, f(entries)]))
}

/** Whether some TXT record of the zone matches `pattern`. */
function hasTxt(zone: MemoryZone, pattern: RegExp): boolean {
  return Object.values(zone).some((entries) =>
    entries.some((e) => typeof e === 'object' && 'TXT' in e && pattern.test(String(e.TXT))),
  )
}

/** The first interpreter of `candidates` for which `probe` runs. */
function interpreter(candidates: string[], probe: string[]): string | null {
  return candidates.find((c) => spawnSync(c, probe).status === 0) ?? null
}

const ORACLES: Oracle[] = [
  {
    name: 'pyspf',
    // The system Python (Debian's package) first: another python3 may come first on PATH.
    command: () => {
      const python = interpreter(['/usr/bin/python3', 'python3'], ['-c', 'import spf'])
      return python === null ? null : [python, path.join(REPO, 'test/support/pyspf-oracle.py')]
    },
    install: 'apt-get install python3-spf',
    departures: [
      {
        // pyspf refuses a record whose `include:` names the record's own domain before
        // evaluating it; RFC 7208 evaluates mechanisms left to right (§4.6.2) and ends a loop
        // only through the lookup limit (§4.6.4), so a mechanism before the include can match.
        why: 'a self-include that evaluation never reaches is a permerror',
        applies: (c) => /include has trivial recursion/.test(c.oracle.explanation),
      },
      {
        // §6: unrecognized modifiers MUST be ignored "no matter where, or how often" they
        // appear; only `redirect` and `exp` may appear at most once.
        why: 'an unknown modifier written twice is a permerror',
        applies: (c) =>
          /Permanent Error: (?!redirect=|exp=)[^ ]+= MUST appear at most once/.test(
            c.oracle.explanation,
          ),
      },
      {
        // pyspf looks up the addresses of every MX host before comparing any, so a DNS error
        // at a later host is a temperror even when an earlier host matched; §5.4 asks for no
        // lookup past a match, and Mail::SPF, like us, stops at the first matching host.
        why: 'a DNS error at an MX host after the one that matched is a temperror',
        applies: (c) =>
          c.oracle.result === 'temperror' &&
          c.ours.result !== 'temperror' &&
          /^[-+~?]?mx\b/.test(c.ours.decidedBy?.term ?? ''),
      },
      {
        // pyspf expands the macros of every term when it parses the record, so the PTR lookup
        // of a `%{p}` counts as a void lookup before the terms ahead of it are evaluated; §4.6
        // evaluates terms (and expands their macros) in order, and stops at the first result.
        why: 'a %{p} after the deciding term costs a void lookup',
        applies: (c) =>
          c.oracle.result === 'permerror' &&
          /Void lookup limit/.test(c.oracle.explanation) &&
          c.ours.result !== 'permerror' &&
          hasTxt(c.zone, /%\{p\}/),
      },
      {
        // pyspf writes the nibbles of an IPv6 `%{i}` in upper case; RFC 7208 §7.3's own
        // example is lower case, and we keep the case the address was written in.
        why: 'IPv6 %{i} nibbles in upper case in explanations',
        applies: (c) =>
          isIp6Client(c.query.ip) &&
          c.ours.result === c.oracle.result &&
          c.ours.explanation?.toLowerCase() === c.oracle.explanation.toLowerCase(),
      },
    ],
  },
  {
    name: 'Mail::SPF',
    command: () => {
      const perl = interpreter(
        ['perl'],
        ['-MMail::SPF', '-MNet::DNS::Resolver::Programmable', '-e', '1'],
      )
      return perl === null ? null : [perl, path.join(REPO, 'test/support/mailspf-oracle.pl')]
    },
    install: 'apt-get install libmail-spf-perl libnet-dns-resolver-programmable-perl',
    departures: [
      {
        // Mail::SPF keeps RFC 4408's rule and looks up only the first 10 MX names; RFC 7208
        // §4.6.4 makes more than 10 a permerror.
        why: 'more than 10 MX names are cut to 10',
        emulate: (zone) =>
          mapEntries(zone, (entries) => {
            let mx = 0
            return entries.filter((e) => typeof e !== 'object' || !('MX' in e) || ++mx <= 10)
          }),
      },
      {
        // Mail::SPF compares an IPv4 client with `ip6` networks as its IPv4-mapped address, so
        // `ip6:2001:db8::/0` matches every IPv4 client; §5.6 compares <ip> with networks of
        // its own family (pyspf agrees with us). To us that is an `ip4:0.0.0.0/0` after it.
        why: 'an IPv4 client matches an ip6 network of prefix 0',
        emulate: (zone, query) =>
          isIp6Client(query.ip)
            ? zone
            : mapEntries(zone, (entries) =>
                entries.map((e) =>
                  typeof e === 'object' && 'TXT' in e && typeof e.TXT === 'string'
                    ? {
                        TXT: e.TXT.replace(
                          /(^| )([-+~?]?)(ip6:\S*\/0)(?= |$)/g,
                          '$1$2$3 $2ip4:0.0.0.0/0',
                        ),
                      }
                    : e,
                ),
              ),
      },
    ],
  },
]

for (const oracle of ORACLES) {
  test(
    `check_host() gives the results and explanations ${oracle.name} gives on random policies`,
    async () => {
      const command = oracle.command()
      if (command === null)
        throw new Error(`${oracle.name} is not installed: ${oracle.install} (CI installs it)`)
      const scenarios = fc.sample(scenario, { seed: SEED, numRuns: runs(400) })
      const run = spawnSync(command[0], [command[1]], {
        input: JSON.stringify(scenarios),
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
      expect(run.status, run.stderr).toBe(0)
      const expected = JSON.parse(run.stdout) as [string, string][][]

      const disagreements: string[] = []
      const departed = new Map<string, number>()
      let checks = 0
      for (const [i, s] of scenarios.entries()) {
        const resolver = new MemoryResolver(s.zonedata)
        for (const [k, q] of s.queries.entries()) {
          const [result = '', explanation = ''] = expected[i]?.[k] ?? []
          const domain = q.sender.slice(q.sender.indexOf('@') + 1)
          const ours = await checkHost({ ...q, domain }, resolver, NOW)
          checks++
          const sameExplanation = ours.explanation === undefined || ours.explanation === explanation
          if (ours.result === result && sameExplanation) continue
          const compared = { query: q, zone: s.zonedata, ours, oracle: { result, explanation } }
          /** Whether our engine, on `zone`, gives the oracle's answer. */
          const emulated = async (zone: MemoryZone): Promise<boolean> => {
            const alt = await checkHost({ ...q, domain }, new MemoryResolver(zone), NOW)
            return alt.result === result && (!alt.explanation || alt.explanation === explanation)
          }
          let why: string | undefined
          for (const d of oracle.departures) {
            if (d.applies ? d.applies(compared) : await emulated(d.emulate(s.zonedata, q))) {
              why = d.why
              break
            }
          }
          // Departures can meet in one check: then only all the rewrites together tell it.
          const rewrites = oracle.departures.filter((d) => d.emulate)
          if (why === undefined && rewrites.length > 1) {
            const zone = rewrites.reduce((z, d) => d.emulate?.(z, q) ?? z, s.zonedata)
            if (await emulated(zone)) why = rewrites.map((d) => d.why).join(', and ')
          }
          if (why !== undefined) departed.set(why, (departed.get(why) ?? 0) + 1)
          else {
            disagreements.push(
              [
                `scenario ${i}, query ${JSON.stringify(q)}`,
                `  ours:  ${ours.result}${ours.explanation ? ` "${ours.explanation}"` : ''}: ${ours.reason}`,
                `  ${oracle.name}: ${result} "${explanation}"`,
                `  zone:  ${JSON.stringify(s.zonedata)}`,
              ].join('\n'),
            )
          }
        }
      }
      const report = process.env.FUZZ_REPORT
      if (report) {
        const line = {
          name: `check_host/${oracle.name}`,
          runs: checks,
          failed: disagreements.length > 0,
        }
        appendFileSync(
          report,
          `${JSON.stringify({ ...line, seed: SEED, departed: [...departed] })}\n`,
        )
      }
      // The departures stay rare, so that nearly every check is compared.
      const skipped = [...departed.values()].reduce((a, b) => a + b, 0)
      expect(skipped, JSON.stringify([...departed])).toBeLessThan(checks / 20)
      expect(checks).toBeGreaterThan(scenarios.length)
      expect(disagreements.slice(0, 10).join('\n\n'), `${disagreements.length} of ${checks}`).toBe(
        '',
      )
    },
    60_000 + runs(400) * 10,
  ) // a bound against a hang, growing with the count
}
