import { describe, expect, it } from 'vitest'
import { makeTxtData, textLocation, type ZoneRecord } from '../../../src/model/record.js'
import { resolveLocation } from '../../../src/model/source.js'
import { APEX, parseText } from './helpers.js'

/** The record named `name` (relative to example.com) from a parse of APEX + body. */
function record(body: string, name: string): ZoneRecord {
  const result = parseText(APEX + body)
  expect(result.diagnostics.map((d) => d.message)).toEqual([])
  const found = result.records.find((r) => r.name === `${name}.example.com`)
  if (!found) throw new Error(`no record ${name}`)
  return found
}

/** Line and column (1-based) of the source of text[index]. */
function at(r: ZoneRecord, index: number): string {
  const position = r.location.file.position(r.txt!.offsets[index] as number)
  return `${position.line}:${position.column}`
}

const apexLines = APEX.split('\n').length - 1

describe('TXT character positions', () => {
  it('maps an SPF term on the second line of a parenthesised record to that line', () => {
    const r = record(
      'spf TXT ( "v=spf1 ip4:192.0.2.0/24 " ; first line\n' +
        '          "include:_spf.example.net -all" )\n',
      'spf',
    )
    expect(r.txt!.text).toBe('v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all')
    const include = r.txt!.text.indexOf('include:')
    expect(at(r, include)).toBe(`${apexLines + 2}:12`)
    expect(at(r, 0)).toBe(`${apexLines + 1}:12`)
    const span = resolveLocation(
      textLocation(r, include, include + 'include:_spf.example.net'.length),
    )
    expect(span).toMatchObject({
      line: apexLines + 2,
      column: 12,
      endLine: apexLines + 2,
      endColumn: 36,
    })
    // The whole entry spans both lines; the RDATA starts at the first string.
    expect(resolveLocation(r.location)).toMatchObject({ line: apexLines + 1, column: 1 })
    expect(resolveLocation(r.rdataLocation)).toMatchObject({
      line: apexLines + 1,
      column: 11,
      endLine: apexLines + 2,
      endColumn: 42,
    })
  })

  it('maps \\DDD and \\" escapes to their backslash, and what follows to after them', () => {
    const r = record('esc TXT "a\\065b\\"c"\n', 'esc')
    expect(r.txt!.text).toBe('aAb"c')
    // esc TXT "a\065b\"c"  -> a at col 10, \065 at 11, b at 15, \" at 16, c at 18
    expect([0, 1, 2, 3, 4].map((i) => at(r, i))).toEqual(
      [10, 11, 15, 16, 18].map((c) => `${apexLines + 1}:${c}`),
    )
    expect(r.location.file.position(r.txt!.offsets[5] as number).column).toBe(19)
    expect(r.rdata).toBe('"aAb\\"c"')
  })

  it('joins several strings without spaces and records where each starts', () => {
    const r = record('multi TXT "v=spf1 " "a" -all\n', 'multi')
    expect(r.txt!.strings).toEqual(['v=spf1 ', 'a', '-all'])
    expect(r.txt!.text).toBe('v=spf1 a-all')
    expect(r.txt!.stringStarts).toEqual([0, 7, 8])
    expect(r.txt!.quoted).toEqual([true, true, false])
    expect(at(r, 7)).toBe(`${apexLines + 1}:22`)
    expect(at(r, 8)).toBe(`${apexLines + 1}:25`)
    expect(r.rdata).toBe('"v=spf1 " "a" "-all"')
  })

  it('counts columns from the line start with CRLF line endings', () => {
    const text = (APEX + 'crlf TXT "v=spf1 "\n  TXT ( "a"\n "-all" )\n').replace(/\n/g, '\r\n')
    const result = parseText(text)
    expect(result.diagnostics).toEqual([])
    const records = result.records.filter((r) => r.name === 'crlf.example.com')
    const second = records[1]!
    expect(second.txt!.text).toBe('a-all')
    expect(at(second, 1)).toBe(`${apexLines + 3}:3`)
    expect(at(records[0]!, 0)).toBe(`${apexLines + 1}:11`)
  })

  it('builds the same TxtData as makeTxtData would', () => {
    const r = record('same TXT "ab" c\\100\n', 'same')
    const base = r.location.file.text.indexOf('"ab"')
    const expected = makeTxtData([
      { value: 'ab', offsets: [base + 1, base + 2], end: base + 3, quoted: true },
      { value: 'cd', offsets: [base + 5, base + 6], end: base + 10, quoted: false },
    ])
    expect({ ...r.txt!, offsets: [...r.txt!.offsets] }).toEqual({
      ...expected,
      offsets: [...expected.offsets],
    })
  })

  it('locates $GENERATE output in the template', () => {
    const result = parseText(APEX + '$GENERATE 1-2 g$ TXT "v=spf1\\ ip4:192.0.2.$\\ -all"\n')
    expect(result.diagnostics).toEqual([])
    const g2 = result.records.find((r) => r.name === 'g2.example.com')!
    expect(g2.txt!.text).toBe('v=spf1 ip4:192.0.2.2 -all')
    // The iterator's digit comes from the `$` in the template.
    const dollar = g2.location.file.text.indexOf('$\\ -all')
    expect(g2.txt!.offsets[g2.txt!.text.indexOf('2 -all')]).toBe(dollar)
  })

  it('locates errors at the offending token, line and column', () => {
    const result = parseText(APEX + 'ok TXT "fine"\nbad TXT ( "x"\n  "\\256" )\nnext TXT "y"\n')
    expect(result.diagnostics).toHaveLength(1)
    const where = resolveLocation(result.diagnostics[0]!.location)
    expect([where.line, where.column]).toEqual([apexLines + 3, 3])
    expect(result.records.map((r) => r.name)).toContain('next.example.com')
  })
})
