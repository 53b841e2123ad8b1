/**
 * spf-parse: parse 100,000 generated SPF records (seeded; real providers' includes, ip4/ip6
 * ranges, a/mx with prefixes, macros, redirect/exp, 5% with mistakes) against npm `spf-parse`.
 * Ours does more per record (spans for every term, macro parsing, IP validation).
 */
import { buildExport, notBuilt } from '../lib/case.js'
import { probeNpm, require } from '../lib/peers.js'
import { spfCorpus } from '../lib/spf-corpus.js'

/** @type {import('../lib/case.js').BenchCase} */
export default {
  name: 'spf-parse',
  title: 'parse 100,000 varied SPF records (quick: 10,000)',
  aim: { ratio: 0.1 },
  timing: 'inner',
  async prepare({ quick }) {
    return { count: quick ? 10_000 : 100_000, seed: 7208 }
  },
  ours: {
    kind: 'js',
    async probe() {
      const parseSpf = await buildExport('spf/parse.js', 'parseSpf')
      return parseSpf ? { ready: true, label: 'spf-lint parseSpf()' } : notBuilt('src/spf/parse.ts')
    },
    async setup({ count, seed }) {
      return {
        parseSpf: await buildExport('spf/parse.js', 'parseSpf'),
        records: spfCorpus(count, seed),
      }
    },
    async run({ parseSpf, records }) {
      let withProblems = 0
      for (const text of records) if (parseSpf(text).problems.length) withProblems++
      return { records: records.length, withProblems }
    },
  },
  peer: {
    kind: 'js',
    async probe() {
      return probeNpm('spf-parse')
    },
    async setup({ count, seed }) {
      return { parse: require('spf-parse'), records: spfCorpus(count, seed) }
    },
    async run({ parse, records }) {
      let invalid = 0
      for (const text of records) if (!parse(text).valid) invalid++
      return { records: records.length, invalid }
    },
  },
}
