/**
 * The bad-input corpus (test/fixtures/bad/): each file goes through the real pipeline and
 * must give the findings listed for it in expected.json, located, within a time bound, and
 * never a throw. A 10 MB single-line zone is generated here rather than committed.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import type { ReportedFinding } from '../../src/model/finding.js'
import { HANG_MS } from '../support/bounds.js'

const BAD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bad')

interface Expected {
  ruleId: string
  line: number
  column: number
  file?: string
  /** A regular expression the message must match. */
  message?: string
}
type Case = Expected[] | { config: true; paths?: string[]; expect: Expected[] }

const cases = JSON.parse(readFileSync(path.join(BAD, 'expected.json'), 'utf8')) as Record<
  string,
  Case
>

async function run(paths: string[], configPath?: string) {
  const start = performance.now()
  const result = await lint({
    root: BAD,
    cwd: BAD,
    paths: paths.map((p) => path.join(BAD, p)),
    ...(configPath ? { configPath } : {}),
    timeoutMs: 20_000,
  })
  const ms = performance.now() - start
  return { report: toReport(result), ms, stopped: result.stopped }
}

function matches(f: ReportedFinding, e: Expected, file: string): boolean {
  return (
    f.ruleId === e.ruleId &&
    f.file === (e.file ?? file) &&
    f.line === e.line &&
    f.column === e.column &&
    (e.message === undefined || new RegExp(e.message).test(f.message))
  )
}

describe('bad-input corpus', () => {
  test('has at least 40 cases and every top-level entry has expectations', () => {
    const entries = readdirSync(BAD).filter((n) => n !== 'expected.json' && n !== 'README.md')
    expect(entries.length).toBeGreaterThanOrEqual(40)
    expect(entries.filter((n) => !(n in cases))).toEqual([])
  })

  for (const [name, spec] of Object.entries(cases)) {
    test(name, async () => {
      const isConfig = !Array.isArray(spec)
      const paths = isConfig ? (spec.paths ?? ['empty.example.zone']) : [name]
      const expected = isConfig ? spec.expect : spec
      const { report, ms, stopped } = await run(paths, isConfig ? name : undefined)
      expect(stopped).toBeUndefined()
      expect(ms).toBeLessThan(5000)
      const shown = report.findings.map(
        (f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`,
      )
      for (const f of report.findings) {
        expect(f.line).toBeGreaterThanOrEqual(1)
        expect(f.column).toBeGreaterThanOrEqual(1)
      }
      if (expected.length === 0) expect(shown).toEqual([])
      for (const e of expected) {
        const file = isConfig ? name : name
        const found = report.findings.some((f) => matches(f, e, file))
        expect(found, `${JSON.stringify(e)} not in\n${shown.join('\n')}`).toBe(true)
      }
    })
  }
})

describe('generated inputs', () => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-bad-')))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('a 10 MB single-line TXT record is one located finding, in bounded time', async () => {
    const head = '$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ TXT "v=spf1 '
    writeFileSync(
      path.join(dir, 'long.example.zone'),
      `${head}${'a'.repeat(10 * 1024 * 1024)} -all"\n`,
    )
    const start = performance.now()
    const result = await lint({ root: dir, cwd: dir })
    expect(performance.now() - start).toBeLessThan(HANG_MS)
    const findings = toReport(result).findings.map((f) => [f.ruleId, f.line, f.column, f.message])
    expect(findings).toContainEqual([
      'SPF401',
      3,
      7,
      expect.stringMatching(/^character-string of 10485\d+ octets/),
    ])
  })

  test('a 10 MB single-line octoDNS value is refused by limits.maxTxtStrings, located', async () => {
    const text = `'':\n  type: TXT\n  value: v=spf1 ${'a'.repeat(10 * 1024 * 1024)} -all\n`
    writeFileSync(path.join(dir, 'long.example.yaml'), text)
    const start = performance.now()
    const result = await lint({ root: dir, cwd: dir, paths: [path.join(dir, 'long.example.yaml')] })
    expect(performance.now() - start).toBeLessThan(HANG_MS)
    const findings = toReport(result).findings.map((f) => [f.ruleId, f.line, f.column])
    expect(findings).toContainEqual(['SPF401', 3, 10])
    expect(toReport(result).findings[0]?.message).toMatch(/limits\.maxTxtStrings/)
  })
})
