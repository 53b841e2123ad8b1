/**
 * evaluate: check_host() (RFC 7208 §4) over every test of the OpenSPF RFC 7208 suite, repeated,
 * against mailauth's SPF verifier. Both sides answer from memory over the suite's own zonedata,
 * so no network is involved and the timings are the engines'. Each side's agreement with the
 * suite's expected results is printed alongside, so that speed is not bought with wrong answers.
 */
import { buildExport, notBuilt } from '../lib/case.js'
import { probeNpm, require } from '../lib/peers.js'
import { findSuite, loadSuite, mailauthResolver } from '../lib/openspf.js'

async function ourApi() {
  const checkHost = await buildExport('spf/evaluate.js', 'checkHost')
  const MemoryResolver = await buildExport('dns/memory.js', 'MemoryResolver')
  return checkHost && MemoryResolver ? { checkHost, MemoryResolver } : null
}

/** The sender's domain as check_host() gets it (§4.3: postmaster@helo when MAIL FROM is empty). */
function senderOf(/** @type {import('../lib/openspf.js').SuiteTest} */ t) {
  const sender = t.mailfrom || `postmaster@${t.helo}`
  const at = sender.lastIndexOf('@')
  return { sender, domain: at === -1 ? sender : sender.slice(at + 1) }
}

/**
 * Run every test `iterations` times; count agreements with the suite on the last pass.
 * @param {{ tests: import('../lib/openspf.js').SuiteTest[], check: (t: any) => Promise<string> }[]} plan
 * @param {number} iterations
 */
async function runPlan(plan, iterations) {
  let checks = 0
  let agree = 0
  for (let i = 0; i < iterations; i++) {
    const last = i === iterations - 1
    for (const { tests, check } of plan) {
      for (const t of tests) {
        const result = await check(t)
        checks++
        if (last && t.results.includes(result)) agree++
      }
    }
  }
  const total = plan.reduce((n, s) => n + s.tests.length, 0)
  return { checks, agreeWithSuite: `${agree}/${total}` }
}

/** @type {import('../lib/case.js').BenchCase} */
export default {
  name: 'evaluate',
  title: 'check_host() over the OpenSPF RFC 7208 suite, in-memory DNS (30 passes; quick: 2)',
  aim: { ratio: 0.2 },
  timing: 'inner',
  async prepare({ quick }) {
    const suite = findSuite()
    if (!suite) return { skip: 'OpenSPF suite not found (test/fixtures/openspf/rfc7208-tests.yml)' }
    // Read here, in the parent, and handed over as data: parsing the YAML in each side's process
    // would leave V8 compiling the YAML parser on the machine's other core during the timed run.
    return { scenarios: loadSuite(suite), iterations: quick ? 2 : 30 }
  },
  ours: {
    kind: 'js',
    async probe() {
      return (await ourApi())
        ? { ready: true, label: 'spf-lint checkHost() + MemoryResolver' }
        : notBuilt('src/spf/evaluate.ts and src/dns/memory.ts')
    },
    async setup({ scenarios, iterations }) {
      const { checkHost, MemoryResolver } = /** @type {any} */ (await ourApi())
      const plan = /** @type {import('../lib/openspf.js').Scenario[]} */ (scenarios).map((s) => {
        const resolver = new MemoryResolver(s.zonedata)
        const check = async (/** @type {any} */ t) => {
          const { sender, domain } = senderOf(t)
          const out = await checkHost({ ip: t.host, domain, sender, helo: t.helo }, resolver)
          return out.result
        }
        return { tests: s.tests, check }
      })
      return { plan, iterations }
    },
    async run({ plan, iterations }) {
      return runPlan(plan, iterations)
    },
  },
  peer: {
    kind: 'js',
    async probe() {
      return probeNpm('mailauth')
    },
    async setup({ scenarios, iterations }) {
      const { spf } = require('mailauth/lib/spf/index.js')
      const plan = /** @type {import('../lib/openspf.js').Scenario[]} */ (scenarios).map((s) => {
        const resolver = mailauthResolver(s.zonedata)
        const check = async (/** @type {any} */ t) => {
          const out = await spf({
            sender: t.mailfrom || undefined,
            ip: t.host,
            helo: t.helo,
            mta: 'mx.bench.example',
            resolver,
          })
          return out.status.result
        }
        return { tests: s.tests, check }
      })
      return { plan, iterations }
    },
    async run({ plan, iterations }) {
      return runPlan(plan, iterations)
    },
  },
}
