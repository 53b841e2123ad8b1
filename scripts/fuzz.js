#!/usr/bin/env node
/**
 * The long fuzz run: the property tests of test/fuzz/ with every run count multiplied.
 *
 *   npm run fuzz                     # scale 300: about a million inputs
 *   npm run fuzz -- --scale 20       # a shorter run
 *   npm run fuzz -- --seed 12345     # another seed (the default is the suite's fixed one)
 *
 * Prints the inputs tried per property, failures, duration and seed. A failure prints
 * fast-check's counterexample and the seed and path that replay it.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '300' }, seed: { type: 'string' } },
})
const dir = mkdtempSync(path.join(tmpdir(), 'spf-lint-fuzz-report-'))
const report = path.join(dir, 'runs.jsonl')
const env = {
  ...process.env,
  FUZZ_SCALE: values.scale,
  FUZZ_REPORT: report,
  ...(values.seed ? { FUZZ_SEED: values.seed } : {}),
}

const start = Date.now()
const run = spawnSync('npx', ['vitest', 'run', 'test/fuzz', '--testTimeout=0'], {
  env,
  stdio: 'inherit',
})
const seconds = (Date.now() - start) / 1000

let lines = []
try {
  lines = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
} catch {
  // no property reported: vitest itself failed before running them
}
rmSync(dir, { recursive: true, force: true })

const total = lines.reduce((n, l) => n + l.runs, 0)
const failed = lines.filter((l) => l.failed)
for (const l of lines)
  console.log(
    `${l.name.padEnd(18)} ${String(l.runs).padStart(9)} inputs${l.failed ? '  FAILED' : ''}`,
  )
console.log(
  `\n${total} inputs, ${failed.length} failures, ${seconds.toFixed(0)} s, seed ${lines[0]?.seed ?? values.seed ?? 'default'}, scale ${values.scale}`,
)
process.exitCode = run.status === 0 && failed.length === 0 && lines.length > 0 ? 0 : 1
