/**
 * The master-file reader on arbitrary bytes and mutated fixtures: it returns records and
 * located diagnostics, never throws, stays within a time bound per input, and what it reads
 * prints in canonical form and reads back the same.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/model/source.js'
import { formatCanonical, parseMasterFile } from '../../src/sources/bind/index.js'
import type { SourceResult } from '../../src/sources/types.js'
import { bindCorpus, bytes, expectInFile, mutated, runs, settings, timed } from './support.js'

const ORIGIN = 'example.com.'
const corpus = bindCorpus()

/** Files are read as bytes (latin1): characters past U+00FF arrive as their UTF-8 bytes. */
function asBytes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text
}

function parse(text: string, name = 'db.example.com'): SourceResult {
  const file = new SourceFile(name, `/fuzz/${name}`, asBytes(text), 'bytes')
  return parseMasterFile(file, { origin: ORIGIN })
}

function checkResult(result: SourceResult): void {
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^SPF40[1-4]$/)
    expect(d.message.length).toBeGreaterThan(0)
    expectInFile(d.location)
  }
  for (const r of result.records) {
    expectInFile(r.location)
    expectInFile(r.rdataLocation)
    if (r.txt) expect(r.txt.offsets.length).toBe(r.txt.text.length + 1)
  }
}

/** Canonical text of what was read, read again: the same records. */
function checkRoundTrip(result: SourceResult): void {
  const printed = result.records.map(formatCanonical)
  if (printed.length === 0) return
  const again = parse(`${printed.join('\n')}\n`, 'canonical')
  expect(again.records.map(formatCanonical)).toEqual(printed)
}

describe('BIND master-file reader', () => {
  test('the fixtures round-trip through the canonical form', () => {
    expect(corpus.length).toBeGreaterThan(30)
    for (const text of corpus) {
      const result = timed(() => parse(text))
      checkResult(result)
      checkRoundTrip(result)
    }
  })

  test('arbitrary bytes: located diagnostics, no throw, bounded time', () => {
    fc.assert(
      fc.property(bytes, (text) => checkResult(timed(() => parse(text)))),
      settings('bind-bytes', runs(400)),
    )
  })

  test('mutated fixtures: located diagnostics, no throw, bounded time, round trip', () => {
    fc.assert(
      fc.property(mutated(corpus), (text) => {
        const result = timed(() => parse(text))
        checkResult(result)
        checkRoundTrip(result)
      }),
      settings('bind-mutated', runs(400)),
    )
  })
})
