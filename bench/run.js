#!/usr/bin/env node
/**
 * Side-by-side benchmarks of spf-lint against its peers.
 *
 *   npm run bench                      every case, full size
 *   npm run bench -- --quick           small inputs (CI: checks that every case runs)
 *   npm run bench -- --case zone-1m    only the named case(s); repeat or comma-separate
 *   npm run bench -- --json FILE       also write the results as JSON
 *   npm run bench -- --rounds N        measured rounds per case (default 5 or as the case sets;
 *                                      quick 3)
 *
 * Exits 1 only when a case crashes; speed never fails the run.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { machine, machineLine } from './lib/machine.js'
import { runCase } from './lib/runner.js'
import { hasGnuTime } from './lib/measure.js'
import { caseNotes, casesTable, scaleTable, toJson } from './lib/report.js'

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases')

/** @param {string[]} argv */
function parseArgs(argv) {
  const opts = {
    quick: false,
    json: /** @type {string | null} */ (null),
    cases: /** @type {string[]} */ ([]),
    rounds: 0,
    warmup: 1,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) usage(`${arg} needs a value`)
      return /** @type {string} */ (v)
    }
    if (arg === '--quick') opts.quick = true
    else if (arg === '--json') opts.json = value()
    else if (arg === '--case') opts.cases.push(...value().split(','))
    else if (arg === '--rounds') opts.rounds = count(value(), 1)
    else if (arg === '--warmup') opts.warmup = count(value(), 0)
    else if (arg === '--help' || arg === '-h') usage()
    else usage(`unknown argument ${arg}`)
  }
  return opts
}

/** @param {string} text @param {number} min */
function count(text, min) {
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) usage(`expected a whole number >= ${min}, got ${text}`)
  return n
}

/** @param {string} [error] @returns {never} */
function usage(error) {
  if (error) console.error(`bench: ${error}`)
  console.error(
    'usage: npm run bench -- [--quick] [--case NAME]... [--json FILE] [--rounds N] [--warmup N]',
  )
  process.exit(error ? 2 : 0)
}

async function loadCases() {
  const files = fs
    .readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.js'))
    .sort()
  const cases = []
  for (const f of files) {
    const file = path.join(CASES_DIR, f)
    const bench = (await import(pathToFileURL(file).href)).default
    cases.push({ file, bench: /** @type {import('./lib/case.js').BenchCase} */ (bench) })
  }
  return cases
}

const opts = parseArgs(process.argv.slice(2))
let cases = await loadCases()
if (opts.cases.length) {
  const unknown = opts.cases.filter((n) => !cases.some((c) => c.bench.name === n))
  if (unknown.length)
    usage(`unknown case ${unknown.join(', ')} (have: ${cases.map((c) => c.bench.name).join(', ')})`)
  cases = cases.filter((c) => opts.cases.includes(c.bench.name))
}

const env = machine()
const rounds = opts.rounds
  ? `${opts.rounds} rounds`
  : `${opts.quick ? 3 : 5} rounds (or as a case sets)`
const header =
  `spf-lint bench${opts.quick ? ' --quick' : ''}: ${rounds} after ${opts.warmup} warm-up, ` +
  'ours and peer alternating, each run in its own process; medians'
console.log(`${header}\n${machineLine(env)}`)
if (!hasGnuTime()) console.log('GNU time not found: peak memory of native peers is not measured')
console.log('')

const results = []
for (const { file, bench } of cases) {
  const log = (/** @type {string} */ s) => process.stderr.write(`  ${s}\n`)
  const rounds = opts.rounds || (opts.quick ? 3 : (bench.rounds ?? 5))
  results.push(await runCase(file, bench, { ...opts, rounds, log }))
}

console.log(casesTable(results))
console.log("ratio = ours / peer time (lower is better); MB = peak RSS of each side's process\n")
for (const r of results) console.log(`${caseNotes(r)}\n`)
for (const r of results) if (r.scale) console.log(`${scaleTable(r)}\n`)

if (opts.json) {
  const run = { quick: opts.quick, warmup: opts.warmup, gnuTime: hasGnuTime() }
  fs.writeFileSync(opts.json, `${JSON.stringify(toJson(env, results, run), null, 2)}\n`)
  console.log(`wrote ${opts.json}`)
}
process.exitCode = results.some((r) => r.status === 'crashed') ? 1 : 0
