/**
 * Differential test against BIND: every fixture in test/fixtures/bind/zones was loaded by
 * `named-compilezone` (scripts/bind-golden.sh); our reader must print exactly
 * the records BIND printed, and must report a located SPF401/SPF403 where BIND refused the file.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveLocation, SourceFile } from '../../../src/model/source.js'
import { formatCanonical, parseMasterFile, ZoneFileCache } from '../../../src/sources/bind/index.js'
import { fixtures, readLatin1 } from './helpers.js'

const zones = path.join(fixtures, 'zones')
const golden = path.join(fixtures, 'golden')
const names = readdirSync(zones)
  .filter((f) => f.endsWith('.zone'))
  .map((f) => f.slice(0, -'.zone'.length))
  .sort()

function load(name: string) {
  const absPath = path.join(zones, `${name}.zone`)
  const file = new SourceFile(`${name}.zone`, absPath, readLatin1(absPath), 'bytes')
  const cache = new ZoneFileCache({ root: zones, cwd: zones })
  return parseMasterFile(file, { origin: 'example.com', readInclude: cache.includeReader() })
}

function canonicalLines(name: string): string[] {
  const lines = load(name).records.map(formatCanonical)
  return [...new Set(lines)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

describe('BIND oracle', () => {
  it('has a golden for every fixture, and enough fixtures', () => {
    for (const name of names) {
      expect(readFileSync(path.join(golden, `${name}.status`), 'latin1')).toMatch(/^[01]\n/)
    }
    expect(names.length).toBeGreaterThanOrEqual(40)
  })

  for (const name of names) {
    const status = readFileSync(path.join(golden, `${name}.status`), 'latin1')
    if (status.startsWith('0')) {
      it(`${name}: prints exactly what named-compilezone prints, and reports what BIND ignores`, () => {
        const expected = readFileSync(path.join(golden, `${name}.txt`), 'latin1')
          .split('\n')
          .filter((line) => line !== '')
        const result = load(name)
        // BIND loads these zones; the only thing it warns about that we report is out-of-zone
        // data it drops, one report per dropped record.
        const ignored = status.split('\n').filter((l) => l.includes('ignoring out-of-zone data'))
        const outside = result.diagnostics.filter((d) => / is outside the zone /.test(d.message))
        expect(
          result.diagnostics.filter((d) => !outside.includes(d)).map((d) => d.message),
        ).toEqual([])
        expect(outside.length).toBe(ignored.length)
        expect(canonicalLines(name)).toEqual(expected)
      })
    } else {
      it(`${name}: rejected by BIND, so at least one located error`, () => {
        const result = load(name)
        const errors = result.diagnostics.filter((d) => d.code === 'SPF401' || d.code === 'SPF403')
        expect(errors.length).toBeGreaterThan(0)
        for (const error of errors) {
          const at = resolveLocation(error.location)
          expect(at.line).toBeGreaterThan(0)
          expect(at.column).toBeGreaterThan(0)
        }
      })
    }
  }
})
