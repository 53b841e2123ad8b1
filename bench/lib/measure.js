/**
 * One measurement = one fresh child process, so that each side's peak memory is its own: in a
 * shared process the heap one side leaves behind would be charged to the other, and a native
 * program cannot be measured in-process anyway.
 *
 * - JS sides run in `worker.js`, which times `run()` itself and reports `ru_maxrss` of its own
 *   process (`process.resourceUsage().maxRSS`).
 * - Native sides run under GNU time (`/usr/bin/time -f %M`), which reports the child's
 *   `ru_maxrss`: the same kernel counter, so the two peaks compare like for like. Without GNU
 *   time the program runs bare and its peak is reported as unknown (null).
 * - Wall time is taken around spawn..exit for every child; cases with `timing: 'process'` use it.
 */
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { RESULT_MARK } from './case.js'

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.js')
// Overridable for systems where GNU time lives elsewhere (e.g. `gtime` on macOS).
const GNU_TIME = process.env.BENCH_GNU_TIME ?? '/usr/bin/time'
const MAXRSS_MARK = '@@maxrss '
const TIMEOUT_MS = 10 * 60 * 1000

/**
 * @typedef {object} Sample
 * @property {number} wallMs  spawn to exit
 * @property {number | null} innerMs  the timed `run()` alone (JS sides)
 * @property {number | null} peakMb  peak RSS of the child process
 * @property {{ main: number | null, process: number } | null} cpuMs  CPU time of the timed
 *   `run()` (JS sides): its own thread's, and all the process's threads'
 * @property {any} summary
 */

let gnuTime = /** @type {boolean | undefined} */ (undefined)
/** Whether GNU time is there and speaks `-f %M` (BSD's /usr/bin/time does not). */
export function hasGnuTime() {
  if (gnuTime === undefined) {
    const probe = spawnSync(GNU_TIME, ['-f', `${MAXRSS_MARK}%M`, process.execPath, '-e', '0'], {
      encoding: 'utf8',
    })
    gnuTime = probe.status === 0 && new RegExp(`${MAXRSS_MARK}\\d+`).test(probe.stderr ?? '')
  }
  return gnuTime
}

/**
 * @param {string} file @param {string[]} args
 * @returns {Promise<{ code: number | null, signal: string | null, wallMs: number, stdout: string, stderr: string }>}
 */
function run(file, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let wallMs = 0
    let stdout = ''
    let stderr = ''
    // Keep only the tails: the result line is last, and a dump must not fill our memory.
    child.stdout.on('data', (d) => (stdout = (stdout + d).slice(-65536)))
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-65536)))
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('error', reject)
    child.on('exit', () => (wallMs = performance.now() - start))
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, wallMs, stdout, stderr })
    })
  })
}

/** The error line and a few frames below it, else the last lines. @param {string} text */
function tail(text) {
  const lines = text.trim().split('\n')
  const at = lines.findIndex((l) => /^(\w*Error|Error)\b/.test(l.trim()))
  return (at === -1 ? lines.slice(-8) : lines.slice(at, at + 5)).join('\n')
}

/**
 * Measure one side of a case in a Node worker.
 * @param {string} caseFile @param {'ours' | 'peer'} side @param {any} params
 * @returns {Promise<Sample>}
 */
export async function measureJs(caseFile, side, params) {
  const args = ['--expose-gc', WORKER, caseFile, side, JSON.stringify(params)]
  const out = await run(process.execPath, args)
  const at = out.stdout.lastIndexOf(RESULT_MARK)
  if (out.code !== 0 || at === -1) {
    throw new Error(`${side} crashed (exit ${out.code ?? out.signal}):\n${tail(out.stderr)}`)
  }
  const result = JSON.parse(out.stdout.slice(at + RESULT_MARK.length).split('\n')[0])
  return {
    wallMs: out.wallMs,
    innerMs: result.innerMs,
    peakMb: result.maxRssKb / 1024,
    cpuMs: result.cpuMs ?? null,
    summary: result.summary,
  }
}

/**
 * Measure a native program from spawn to exit.
 * @param {{ file: string, args: string[] }} command
 * @returns {Promise<Sample>}
 */
export async function measureCommand(command) {
  const timed = hasGnuTime()
  const out = timed
    ? await run(GNU_TIME, ['-f', `${MAXRSS_MARK}%M`, command.file, ...command.args])
    : await run(command.file, command.args)
  let stderr = out.stderr
  let peakMb = null
  if (timed) {
    const at = stderr.lastIndexOf(MAXRSS_MARK)
    if (at !== -1) {
      peakMb = Number(stderr.slice(at + MAXRSS_MARK.length).trim()) / 1024
      stderr = stderr.slice(0, at)
    }
  }
  // GNU time reports a failing command on stderr but exits with the command's status.
  if (out.code !== 0) {
    throw new Error(`${command.file} failed (exit ${out.code ?? out.signal}):\n${tail(stderr)}`)
  }
  return { wallMs: out.wallMs, innerMs: null, peakMb, cpuMs: null, summary: { exit: 0 } }
}
