/**
 * Child side of one measurement: load a case, set one side up (untimed), run it once (timed),
 * and report the time, the process's peak RSS and the work summary on stdout.
 *
 *   node --expose-gc bench/lib/worker.js CASE_FILE ours|peer PARAMS_JSON
 */
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { RESULT_MARK } from './case.js'

const [caseFile, sideName, paramsJson] = process.argv.slice(2)
if (!caseFile || (sideName !== 'ours' && sideName !== 'peer') || paramsJson === undefined) {
  console.error('usage: worker.js CASE_FILE ours|peer PARAMS_JSON')
  process.exit(2)
}

const bench = (await import(pathToFileURL(caseFile).href)).default
const side = bench[sideName]
const params = JSON.parse(paramsJson)
const state = await side.setup(params)
// Collect setup garbage now so that it is not charged to the timed run.
globalThis.gc?.()
const start = performance.now()
const summary = await side.run(state)
const innerMs = performance.now() - start
// ru_maxrss: the peak resident set of this whole process, in KiB on Linux.
const maxRssKb = process.resourceUsage().maxRSS
const line = `\n${RESULT_MARK}${JSON.stringify({ innerMs, maxRssKb, summary })}\n`
// Exit explicitly: a side that leaves a timer or socket open must not hang the run.
process.stdout.write(line, () => process.exit(0))
