/** The streamed JSON report is byte for byte the one-string report. */
import { describe, expect, it } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import { formatJson, streamJson, writeJson } from '../../src/report/json.js'
import type { Report } from '../../src/report/report.js'

/** What reaches the output: each chunk encoded on its own, as a stream writes it. */
function streamed(report: object): string {
  const chunks: Buffer[] = []
  writeJson(report, (chunk) => chunks.push(Buffer.from(chunk, 'utf8')))
  return Buffer.concat(chunks).toString('utf8')
}

describe('writeJson', () => {
  it('writes what formatJson prints, for a report with lookup trees', async () => {
    const report = toReport(await lint({ root: 'examples', cwd: '.', paths: ['examples'] }))
    expect(report.records.length).toBeGreaterThan(0)
    expect(streamed(report)).toBe(formatJson(report))
  })

  it.each([
    ['empty', {}],
    ['empty and one-element arrays', { a: [], b: [{}], c: [[]], d: ['x'] }],
    ['scalars', { n: 1, s: 'line\nbreak "quoted" \u00e9', t: true, z: null }],
    ['nested objects', { o: { p: { q: [1, { r: 's' }] } }, list: [{ x: [1, 2] }, null] }],
    ['undefined members left out', { a: undefined, b: 1 }],
    // Over one write's worth, with characters outside the BMP.
    [
      'large values',
      { big: 'x'.repeat((1 << 20) - 6) + '\u{1f600}'.repeat(3), list: ['y'.repeat(3e6)] },
    ],
  ])('writes what formatJson prints: %s', (_, value) => {
    expect(streamed(value)).toBe(formatJson(value as unknown as Report))
  })
})

describe('streamJson (values too large for one string)', () => {
  const pieces = (value: unknown) => {
    const out: string[] = []
    streamJson(value, 0, (text) => out.push(text))
    return out.join('')
  }
  it.each([
    ['scalars', [1, -0.5, 'x "y"', true, null, Number.NaN, Infinity]],
    ['empty', { a: {}, b: [], c: [{}], d: [[]] }],
    ['nested', { o: { p: { q: [1, { r: 's' }] } }, list: [{ x: [1, 2] }, null] }],
    ['members that print nothing', { a: undefined, f: () => 1, b: [undefined, () => 1], c: 2 }],
    ['toJSON', { when: new Date(0), own: { toJSON: (key: string) => `key ${key}` } }],
    ['boxed', { n: Object(1) as object, s: Object('s') as object }],
    ['a lookup tree', { root: { kind: 'root', children: [{ kind: 'include', children: [] }] } }],
  ])('prints what JSON.stringify prints: %s', (_, value) => {
    expect(pieces(value)).toBe(JSON.stringify(value, null, 2))
  })

  it('a cycle is a TypeError, as for JSON.stringify', () => {
    const cyclic: { self?: unknown } = {}
    cyclic.self = { back: cyclic }
    expect(() => pieces(cyclic)).toThrow(TypeError)
  })

  it('writeJson prints a value with more than 100,000 objects in pieces, the same bytes', () => {
    const leaves = Array.from({ length: 120_000 }, (_, i) => ({ i }))
    const report = { records: [{ tree: { children: leaves } }], one: { leaves } }
    const chunks: string[] = []
    writeJson(report, (chunk) => chunks.push(chunk))
    expect(chunks.join('')).toBe(formatJson(report as unknown as Report))
  })
})
