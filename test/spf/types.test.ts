/** What counts as an SPF record (RFC 7208 §4.5), asked of every TXT record of every zone. */
import { describe, expect, it } from 'vitest'
import { isSpfRecordText } from '../../src/spf/types.js'

describe('isSpfRecordText', () => {
  it.each([
    ['v=spf1', true],
    ['v=spf1 -all', true],
    ['V=SpF1 a -all', true],
    ['v=spf1 ', true],
    ['v=spf1a', false],
    ['v=spf10 -all', false],
    ['v=spf1\t-all', false],
    [' v=spf1', false],
    ['v=spf', false],
    ['', false],
    ['v:spf1 -all', false],
    ['x=spf1 -all', false],
    ['spf2.0/pra -all', false],
  ])('%j: %s', (text, expected) => {
    expect(isSpfRecordText(text)).toBe(expected)
    // The same verdict as the pattern of §4.5.
    expect(isSpfRecordText(text)).toBe(/^v=spf1( |$)/i.test(text))
  })
})
