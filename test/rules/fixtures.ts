/**
 * Table-driven rule tests over fixture files, after ESLint's `valid` / `invalid` tables.
 *
 * Each rule has a folder `test/fixtures/rules/<CODE>/` of cases. A case is either one BIND zone
 * file (`valid*.zone`, `invalid*.zone`) or a folder whose name starts with `valid` or `invalid`,
 * linted as a
 * whole repository: several zone files, octoDNS zones (`example.com.yaml`), a `.spf-lint.yml`,
 * and optionally `dns.json`, DNS answers for names outside the repository (the shape of
 * `MemoryResolver`), standing in for live DNS.
 *
 * Every case runs through the real pipeline (`lint()`), and only the rule's own findings are
 * compared. An invalid case lists the findings it must produce, in the file where each one is
 * reported, as comments:
 *
 *   ; expect: SPF101 5:16 did you mean "include:"?
 *   # expect: SPF402 4:24
 *
 * that is, the code, line:column, and optionally text the message must contain. The findings
 * must match the expectations exactly (no more, no fewer). A valid case must produce none.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import { MemoryResolver } from '../../src/dns/memory.js'
import type { MemoryZone } from '../../src/dns/memory.js'
import type { ReportedFinding } from '../../src/model/finding.js'

export const RULE_FIXTURES = fileURLToPath(new URL('../fixtures/rules/', import.meta.url))

export interface Expectation {
  code: string
  file: string
  line: number
  column: number
  /** Text the message must contain. */
  message?: string
}

export interface RuleCase {
  /** File or folder name of the case (`invalid-typo.zone`, `invalid-octodns`). */
  name: string
  valid: boolean
  /** The linted root, and the directory reported paths are relative to. */
  base: string
  /** What to lint, relative to `base`. */
  target: string
  /** Every file of the case, relative to `base`. */
  files: string[]
}

const CASE_NAME = /^(valid|invalid)([-.].*)?$/
const EXPECT = /[;#]\s*expect:\s+(SPF\d{3})\s+(\d+):(\d+)(?:[ \t]+(.*?))?\s*$/

/** The cases of one rule, in name order. */
export function listCases(code: string): RuleCase[] {
  const dir = path.join(RULE_FIXTURES, code)
  if (!existsSync(dir)) return []
  const cases: RuleCase[] = []
  for (const entry of readdirSync(dir).sort()) {
    const match = CASE_NAME.exec(entry)
    if (!match) continue
    const full = path.join(dir, entry)
    const valid = match[1] === 'valid'
    if (statSync(full).isDirectory()) {
      cases.push({ name: entry, valid, base: full, target: '.', files: listFiles(full) })
    } else if (entry.endsWith('.zone')) {
      cases.push({ name: entry, valid, base: dir, target: entry, files: [entry] })
    }
  }
  return cases
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry
    if (statSync(path.join(dir, rel)).isDirectory()) out.push(...listFiles(dir, rel))
    else out.push(rel)
  }
  return out
}

/** The `expect:` comments of every file of a case. */
export function readExpectations(c: RuleCase): Expectation[] {
  const found: Expectation[] = []
  for (const file of c.files) {
    if (file.endsWith('.json')) continue
    const lines = readFileSync(path.join(c.base, file), 'latin1').split('\n')
    for (const line of lines) {
      const match = EXPECT.exec(line)
      if (!match) continue
      const expectation: Expectation = {
        code: match[1] as string,
        file,
        line: Number(match[2]),
        column: Number(match[3]),
      }
      if (match[4]) expectation.message = match[4]
      found.push(expectation)
    }
  }
  return found
}

/** Lint a case through the real pipeline; return the findings of one rule. */
export async function lintCase(c: RuleCase, code: string): Promise<ReportedFinding[]> {
  const dnsFile = path.join(c.base, 'dns.json')
  // `dns.json` stands in for live DNS, which also turns on the live checks (SPF6xx).
  const live =
    c.target === '.' && existsSync(dnsFile)
      ? { resolver: new MemoryResolver(JSON.parse(readFileSync(dnsFile, 'utf8')) as MemoryZone) }
      : false
  const result = await lint({ root: c.base, cwd: c.base, paths: [c.target], live })
  return toReport(result).findings.filter((f) => f.ruleId === code)
}

function where(f: { file: string; line: number; column: number }): string {
  return `${f.file}:${f.line}:${f.column}`
}

/** One `describe` per rule: every valid case yields nothing, every invalid case exactly its list. */
export function describeRule(code: string): void {
  describe(code, () => {
    const cases = listCases(code)

    it('has valid and invalid fixtures', () => {
      expect(cases.some((c) => c.valid)).toBe(true)
      expect(cases.some((c) => !c.valid)).toBe(true)
    })

    for (const c of cases) {
      if (c.valid) {
        it(`${c.name}: reports nothing`, async () => {
          const found = await lintCase(c, code)
          expect(found.map((f) => `${where(f)} ${f.message}`)).toEqual([])
        })
        continue
      }
      it(`${c.name}: reports exactly the expected findings`, async () => {
        const expected = readExpectations(c)
        expect(
          expected.length,
          'an invalid case needs at least one "expect:" comment',
        ).toBeGreaterThan(0)
        for (const e of expected) expect(e.code, `expectation in ${e.file}`).toBe(code)
        const found = await lintCase(c, code)
        const actual = found.map(where).sort()
        expect(actual, found.map((f) => `${where(f)} ${f.message}`).join('\n')).toEqual(
          expected.map(where).sort(),
        )
        for (const e of expected) {
          if (!e.message) continue
          const at = found.find((f) => where(f) === where(e))
          expect(at?.message, `message at ${where(e)}`).toContain(e.message)
        }
      })
    }
  })
}
