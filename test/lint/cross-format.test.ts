import { describe, expect, it } from 'vitest'
import { lint, toReport } from '../../src/lint.js'

const root = 'test/fixtures/cross-format'

describe('one record model across formats', () => {
  it('follows includes from a BIND zone into octoDNS and native zones', async () => {
    const report = toReport(await lint({ root, paths: [root] }))
    const apex = report.records.find((r) => r.name === 'corp.example')
    // include:_spf.mail.example (1) -> include:_inner (1) -> a:relay (1, void);
    // include:_spf.shop.example (1) -> mx:shop.example (1)
    expect(apex).toMatchObject({ lookups: 5, lookupsLowerBound: false, voidLookups: 1 })
    const formats = new Set(report.records.map((r) => r.file.split('/')[3]))
    expect(formats).toEqual(new Set(['bind', 'octodns', 'native']))
    expect(report.findings.filter((f) => f.ruleId === 'SPF208')).toEqual([])
  })

  it('locates nested terms in their own files, whatever the format', async () => {
    const report = toReport(await lint({ root, paths: [root] }))
    expect(report.records.find((r) => r.name === '_inner.mail.example')).toMatchObject({
      file: 'test/fixtures/cross-format/octodns/zones/mail.example.yaml',
      line: 9,
      column: 10,
    })
    expect(report.findings.filter((f) => f.ruleId === 'SPF401')).toEqual([])
  })
})
