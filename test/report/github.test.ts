import { describe, expect, it } from 'vitest'
import type { ReportedFinding } from '../../src/model/finding.js'
import { findingAnnotation, planAnnotations, RUNNER_LIMIT } from '../../src/report/annotations.js'
import { findingCandidates, formatGithub } from '../../src/report/github.js'
import { escapeProperty, formatAnnotation, inertBlock } from '../../src/report/workflow-commands.js'
import { parseUnifiedDiff } from '../../src/github/changes.js'
import { readInputs } from '../../src/github/inputs.js'
import { finding, report as reportOf } from '../support/report.js'

const report = (findings: ReportedFinding[]) => reportOf(findings, [], 1)

describe('workflow commands', () => {
  it('escapes data and properties as the runner unescapes them', () => {
    const line = formatAnnotation({
      level: 'error',
      title: 'SPF101 unknown-mechanism',
      file: 'zones/a,b:c.zone',
      line: 2,
      column: 6,
      endColumn: 10,
      message: '100% bad\r\n::error::x',
    })
    expect(line).toBe(
      '::error title=SPF101 unknown-mechanism,file=zones/a%2Cb%3Ac.zone,line=2,col=6,endColumn=10::100%25 bad%0D%0A::error::x',
    )
    expect(line.split('\n')).toHaveLength(1)
    expect(escapeProperty('a%b')).toBe('a%25b')
  })

  it('wraps untrusted text so the runner reads no command from it', () => {
    expect(inertBlock('::error::x\n##[error]y', 'T')).toBe(
      '::stop-commands::T\n::error::x\n##[error]y\n::T::\n',
    )
    expect(inertBlock('::T::', 'T')).not.toMatch(/^::stop-commands::T\n/)
  })

  it('turns the exclusive end column inclusive and drops columns across lines', () => {
    expect(findingAnnotation(finding())).toMatchObject({ column: 9, endColumn: 14 })
    const multi = findingAnnotation(finding({ endLine: 5, endColumn: 2 }))
    expect(multi).toMatchObject({ line: 3, endLine: 5 })
    expect(multi.column).toBeUndefined()
    expect(multi.endColumn).toBeUndefined()
  })
})

describe('annotation plan', () => {
  it('sorts by severity, then changed lines, then file and line, within the limits', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding({ severity: 'notice', line: i + 1 })),
      ...Array.from({ length: 12 }, (_, i) => finding({ line: 100 - i })),
      finding({ severity: 'warning', file: 'zones/db.b' }),
    ]
    const changed = new Set([20])
    const plan = planAnnotations(
      findingCandidates(report(findings), (i) => changed.has(i)),
      {
        reserve: { error: 1 },
        where: 'the job summary',
      },
    )
    const levels = plan.annotations.map((a) => a.level)
    expect(levels.filter((l) => l === 'error')).toHaveLength(RUNNER_LIMIT - 1)
    expect(levels.filter((l) => l === 'notice')).toHaveLength(RUNNER_LIMIT)
    // The changed-line error (index 20, line 92) comes first; the rest by line.
    expect(plan.annotations[0]?.line).toBe(92)
    expect(plan.annotations[1]?.line).toBe(89)
    expect(plan.annotations.at(-1)?.message).toMatch(
      /^6 more results are not annotated \(3 errors, 3 notices\).*the job summary\.$/,
    )
    expect(plan.omitted).toHaveLength(6)
  })

  it('adds no closing notice when everything fits', () => {
    const plan = planAnnotations(findingCandidates(report([finding()])), { where: 'x' })
    expect(plan.annotations).toHaveLength(1)
  })
})

describe('--format github', () => {
  it('prints annotations, then what did not fit inside an inert block', () => {
    const findings = Array.from({ length: 12 }, (_, i) =>
      finding({ line: i + 1, endLine: i + 1, message: `bad ${i} \u001b[31m` }),
    )
    const out = formatGithub(report(findings), { token: 'TOKEN' })
    const lines = out.trimEnd().split('\n')
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(9)
    expect(out).toContain('::stop-commands::TOKEN\n')
    expect(out).toContain('zones/db.a:12:9: error bad 11 \\x1b[31m [SPF101 unknown-mechanism]')
    expect(out).not.toContain('\u001b')
    expect(lines.at(-1)).toBe('12 errors, 0 warnings, 0 notices in 1 file (1 SPF record).')
  })
})

describe('pull request plumbing', () => {
  it('reads added and changed lines from git diff --unified=0', () => {
    const diff = [
      'diff --git a/zones/db.a b/zones/db.a',
      '--- a/zones/db.a',
      '+++ b/zones/db.a',
      '@@ -3 +3 @@',
      '-old',
      '+new',
      '@@ -10,2 +9,0 @@',
      '@@ -20,0 +19,3 @@',
      'diff --git a/gone b/gone',
      '--- a/gone',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      'diff --git "a/we\\tird" "b/we\\tird"',
      '+++ "b/we\\tird \\303\\251"',
      '@@ -0,0 +1 @@',
    ].join('\n')
    const files = parseUnifiedDiff(diff)
    expect([...files.keys()]).toEqual(['zones/db.a', 'we\tird é'])
    expect([...(files.get('zones/db.a')?.lines ?? [])]).toEqual([3, 19, 20, 21])
    expect(files.get('zones/db.a')?.deletedAfter).toEqual([9])
  })

  it('checks inputs by name', () => {
    const inputs = (values: Record<string, string>) => readInputs((n) => values[n] ?? '')
    expect(inputs({ paths: 'zones/**\n\n# note\n!zones/old/**\n' })).toMatchObject({
      paths: ['zones/**', '!zones/old/**'],
      failOn: 'error',
      onlyChanged: 'none',
      live: false,
      summary: true,
    })
    expect(() => inputs({ live: 'yes' })).toThrow('input "live" is "yes"; use true or false')
    expect(() => inputs({ 'only-changed': 'diff' })).toThrow(/only-changed/)
  })
})
