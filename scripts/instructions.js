/**
 * Instructions executed by one side of the `evaluate` benchmark, counted by valgrind: a figure
 * that holds still where times on a shared two-core machine move by a third from run to run, so
 * that a change of a few percent can be told from noise.
 *
 *   node scripts/instructions.js [--side ours|peer] [--passes 30]
 *
 * The side runs in the benchmark's own worker under `valgrind --tool=callgrind`, once with the
 * given passes and once with none; the difference is the checks' own work. V8 compiles optimised
 * code on its main thread here (`--no-concurrent-recompilation`), so the count does not depend on
 * when a compiler thread happens to finish, and the part spent compiling is reported apart.
 * Needs valgrind (`apt-get install valgrind`); run `npm run build` first.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CASE = path.join(ROOT, 'bench/cases/evaluate.js')
const WORKER = path.join(ROOT, 'bench/lib/worker.js')

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback
}
const side = option('--side', 'ours')
const passes = Number(option('--passes', '30'))
if ((side !== 'ours' && side !== 'peer') || !Number.isInteger(passes) || passes < 1) {
  console.error('usage: node scripts/instructions.js [--side ours|peer] [--passes N]')
  process.exit(2)
}
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed (apt-get install valgrind)')
  process.exit(2)
}

const bench = (await import(CASE)).default
const params = await bench.prepare({ quick: false })
if (params.skip) {
  console.error(params.skip)
  process.exit(2)
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spf-lint-instructions-'))

/** Instructions of the whole worker process, and of V8's optimising compiler within it. */
function count(iterations) {
  const out = path.join(dir, `callgrind.${iterations}`)
  const run = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all',
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--no-concurrent-recompilation',
      WORKER,
      CASE,
      side,
      JSON.stringify({ ...params, iterations }),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  if (run.status !== 0) {
    console.error(run.stderr.split('\n').slice(-15).join('\n'))
    process.exit(1)
  }
  const total = Number(/Collected : (\d+)/.exec(run.stderr)?.[1])
  const annotated = spawnSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', out], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).stdout
  const line = annotated.split('\n').find((l) => l.includes('Runtime_CompileOptimized'))
  const compile = line ? Number(line.trim().split(/\s+/)[0].replace(/,/g, '')) : 0
  return { total, compile }
}

const none = count(0)
const some = count(passes)
fs.rmSync(dir, { recursive: true, force: true })
const millions = (n) => `${(n / 1e6).toFixed(0)}M`
const total = some.total - none.total
const compile = some.compile - none.compile
console.log(
  `evaluate, ${side}, ${passes} passes: ${millions(total)} instructions, of which ${millions(compile)} ` +
    `(${((100 * compile) / total).toFixed(0)}%) compiling optimised code`,
)
