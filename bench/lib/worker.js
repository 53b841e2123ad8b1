/**
 * Child side of one measurement: load a case, set one side up (untimed), run it once (timed),
 * and report the time, the process's peak RSS and the work summary on stdout.
 *
 *   node --expose-gc bench/lib/worker.js CASE_FILE ours|peer PARAMS_JSON
 */
import fs from 'node:fs'
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
const mainCpu0 = mainThreadCpuMs()
const cpu0 = process.cpuUsage()
const start = performance.now()
const summary = await side.run(state)
const innerMs = performance.now() - start
const cpu = process.cpuUsage(cpu0)
const mainCpu1 = mainThreadCpuMs()
// Where the time went: this thread's own work, and every thread's (V8 compiles optimised code
// and helps the collector on threads of its own, which share the machine's cores).
const cpuMs = {
  main: mainCpu0 === null || mainCpu1 === null ? null : mainCpu1 - mainCpu0,
  process: (cpu.user + cpu.system) / 1000,
}
// ru_maxrss: the peak resident set of this whole process, in KiB on Linux.
const maxRssKb = process.resourceUsage().maxRSS
const line = `\n${RESULT_MARK}${JSON.stringify({ innerMs, cpuMs, maxRssKb, summary })}\n`
// Exit explicitly: a side that leaves a timer or socket open must not hang the run.
process.stdout.write(line, () => process.exit(0))

/** CPU time of this thread so far (Linux: the scheduler's own count, in ns), or null. */
function mainThreadCpuMs() {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6
  } catch {
    return null
  }
}
