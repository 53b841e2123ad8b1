import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCanonical } from '../../../src/sources/bind/index.js'
import { APEX, parseText } from './helpers.js'

/** Pieces that exercise every lexer and parser path when glued together at random. */
const pieces = [
  ' ',
  '\t',
  '\n',
  '\r\n',
  '(',
  ')',
  '"',
  '\\',
  '\\"',
  '\\065',
  '\\256',
  ';',
  '; spf-lint-disable-next-line SPF101\n',
  '@',
  '$ORIGIN ',
  '$TTL ',
  '$INCLUDE ',
  '$GENERATE ',
  '$DATE ',
  '$FOO ',
  'a',
  'b.',
  '..',
  '*',
  'IN ',
  'CH ',
  '300 ',
  '1h30m ',
  'TXT ',
  'SPF ',
  'TYPE99 ',
  'A ',
  'AAAA ',
  'MX ',
  'SOA ',
  'CNAME ',
  '\\# ',
  '4 ',
  '0a0b0c0d',
  'v=spf1 ',
  '-all',
  '1-3 ',
  '${0,3,n}',
  '$',
  '$$',
  '192.0.2.1',
  '::1',
  '\xef\xbb\xbf',
  '\x00',
  '\xff',
]

describe('the reader never throws', () => {
  it('on random combinations of zone-file pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = APEX + parts.join('')
        const result = parseText(text)
        for (const d of result.diagnostics) {
          expect(d.location.start).toBeGreaterThanOrEqual(0)
          expect(d.location.end).toBeLessThanOrEqual(text.length)
          expect(d.location.start).toBeLessThanOrEqual(d.location.end)
        }
        for (const record of result.records) {
          expect(formatCanonical(record)).not.toContain('\n')
          if (record.txt) {
            for (const offset of record.txt.offsets) {
              expect(offset).toBeGreaterThanOrEqual(0)
              expect(offset).toBeLessThanOrEqual(text.length)
            }
          }
        }
      }),
      { numRuns: 2000 },
    )
  })
})
