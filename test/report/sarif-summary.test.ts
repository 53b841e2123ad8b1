import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import type { ReportedFinding } from '../../src/model/finding.js'
import type { ReportedRecord } from '../../src/report/report.js'
import { pascalCase, toSarif } from '../../src/report/sarif.js'
import { escapeHtml, formatSummary } from '../../src/report/summary.js'
import { rules } from '../../src/rules/index.js'
import { finding as baseFinding, report } from '../support/report.js'
import { HANG_MS } from '../support/bounds.js'

// A file name with a space and a '#': links and SARIF URIs must escape both.
const finding = (over: Partial<ReportedFinding> = {}) =>
  baseFinding({ file: 'zones/db a#1.zone', ...over })

const schema = JSON.parse(
  readFileSync('test/fixtures/sarif/sarif-2.1.0-subset.schema.json', 'utf8'),
)

describe('SARIF', () => {
  const lines = ['', '', '@ TXT "nclude:x -all"', '', '', '', '', '@ TXT "nclude:x -all"']
  const lineText = (_: string, line: number) => lines[line - 1]

  it('validates against the SARIF 2.1.0 schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const log = toSarif(report([finding(), finding({ severity: 'notice', name: null })]), {
      lineText,
    })
    expect(ajv.validate(schema, log), JSON.stringify(ajv.errors)).toBe(true)
    const run = log.runs[0]
    expect(run?.tool.driver.rules).toHaveLength(rules.length)
    const rule = run?.tool.driver.rules?.find((r) => r.id === 'SPF101')
    expect(rule).toMatchObject({
      name: 'UnknownMechanism',
      helpUri: 'https://github.com/spf-lint/spf-lint/blob/main/docs/rules/SPF101.md',
      defaultConfiguration: { level: 'error' },
    })
    expect(run?.results?.[1]?.level).toBe('note')
    expect(run?.results?.[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'zones/db%20a%231.zone', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 15 },
    })
  })

  it('fingerprints what a finding is about, not the line it is on', () => {
    const at3 = toSarif(report([finding()]), { lineText })
    const moved = toSarif(report([finding({ line: 8, endLine: 8 })]), { lineText })
    const fp = (log: typeof at3) => log.runs[0]?.results?.[0]?.partialFingerprints
    expect(fp(moved)).toEqual(fp(at3))
    const other = toSarif(report([finding({ name: 'b.example' })]), { lineText })
    expect(fp(other)).not.toEqual(fp(at3))
    const twice = toSarif(report([finding(), finding({ line: 8, endLine: 8 })]), { lineText })
    const [a, b] = twice.runs[0]?.results ?? []
    expect(a?.partialFingerprints).not.toEqual(b?.partialFingerprints)
  })

  it('names rules in PascalCase', () => {
    expect(pascalCase('too-many-void-lookups')).toBe('TooManyVoidLookups')
  })
})

describe('job summary', () => {
  const record: ReportedRecord = {
    name: 'corp.example',
    file: 'zones/db.corp',
    line: 8,
    column: 7,
    record: 'v=spf1 include:<b>|x</b> -all',
    lookups: 9,
    lookupsLowerBound: true,
    voidLookups: 0,
    tree: {
      kind: 'root',
      term: 'corp.example',
      cost: 0,
      status: 'ok',
      lookups: 9,
      voidLookups: 0,
      unknown: true,
      children: [
        {
          kind: 'include',
          term: 'include:<b>|x</b>',
          cost: 1,
          status: 'unknown',
          lookups: 1,
          voidLookups: 0,
          unknown: true,
          children: [],
        },
      ],
    },
  }

  it('escapes every value and neutralises table pipes', () => {
    expect(escapeHtml('<a href="x">|`*_[]\u001b')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#124;&#96;&#42;&#95;&#91;&#93;&#92;x1b',
    )
    const md = formatSummary({
      report: report([finding({ file: 'zones/db.corp', line: 8, name: 'corp.example' })], [record]),
      zones: ['corp.example'],
      threshold: 9,
      links: { server: 'https://github.com', repository: 'o/r', sha: 'abc' },
    })
    expect(md).not.toContain('<b>')
    expect(md).not.toContain('\u001b')
    expect(md).toContain('| ≥ 9/10 | 0/2 | error SPF101 unknown-mechanism |')
    expect(md).toContain(
      '[<code>corp.example</code>](https://github.com/o/r/blob/abc/zones/db.corp#L8)',
    )
    expect(md).toContain(
      '  - <code>include:&lt;b&gt;&#124;x&lt;/b&gt;</code>: ≥ 1 lookup, costs 1 (unknown)',
    )
    for (const row of md.split('\n').filter((l) => l.startsWith('|')))
      expect(row.split('|').length).toBe(6)
  })

  it('gives each of two records at one name its own worst finding', () => {
    // shop.example in examples/bind: an SPF101 in the first record, SPF002 on the second.
    const at = (line: number): ReportedRecord => ({
      ...record,
      name: 'shop.example',
      file: 'zones/db.shop',
      line,
      record: `v=spf1 record-on-line-${line} -all`,
      tree: undefined,
    })
    const first = { file: 'zones/db.shop', name: 'shop.example' }
    const md = formatSummary({
      report: report(
        [
          finding({ ...first, line: 9, column: 25 }),
          finding({ ...first, line: 11, ruleId: 'SPF002', rule: 'multiple-spf-records' }),
          finding({
            ...first,
            line: 11,
            severity: 'warning',
            ruleId: 'SPF302',
            rule: 'neutral-all',
          }),
          // About the name as a whole, in another file: about both records.
          finding({
            ...first,
            file: 'zones/other',
            line: 2,
            severity: 'notice',
            ruleId: 'SPF309',
            rule: 'no-mail-domain',
          }),
        ],
        [at(9), at(11)],
      ),
      zones: ['shop.example', 'shop.example'],
      threshold: 9,
    })
    const rows = md.split('\n').filter((l) => l.includes('record-on-line-'))
    expect(rows[0]).toMatch(/record-on-line-9 .*\| error SPF101 unknown-mechanism \|$/)
    expect(rows[1]).toMatch(/record-on-line-11 .*\| error SPF002 multiple-spf-records \|$/)
  })

  it('takes time in proportion to its input: 40,000 records and 10,000 findings', () => {
    // Every record was once matched against every finding, and every group grown by copying:
    // about a minute at this size. The bound catches that, not slowness.
    const records = Array.from({ length: 40_000 }, (_, i) => ({
      ...record,
      name: `h${i}.corp.example`,
      line: i + 1,
      tree: undefined,
    }))
    const findings = Array.from({ length: 10_000 }, (_, i) =>
      finding({ file: 'zones/db.corp', line: i * 4 + 1, name: `h${i * 4}.corp.example` }),
    )
    const started = performance.now()
    const md = formatSummary({
      report: report(findings, records),
      zones: records.map(() => 'corp.example'),
      threshold: 9,
    })
    expect(performance.now() - started).toBeLessThan(HANG_MS)
    expect(md).toContain('The summary stops here')
  })

  it('stays under the size limit with a note', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      finding({ line: i + 1, endLine: i + 1, message: 'x'.repeat(200) }),
    )
    const md = formatSummary({
      report: report(many),
      zones: [],
      threshold: 9,
      maxBytes: 64 * 1024,
      elsewhere: 'the JSON report',
    })
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(64 * 1024)
    expect(md).toContain('The summary stops here')
    expect(md).toContain('Every result is in the JSON report.')
  })
})
