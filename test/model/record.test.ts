import { describe, expect, it } from 'vitest'
import { isNullMx, mxExchange } from '../../src/model/record.js'

describe('mxExchange', () => {
  it.each([
    ['10 mx1.example.', 'mx1.example.'],
    ['0 .', '.'],
    ['  20\tmx2.example.com.  ', 'mx2.example.com.'],
    ['10    spaced.example.', 'spaced.example.'],
    ['10\u00a0nbsp.example.', 'nbsp.example.'],
    ['10', ''],
    ['', ''],
    ['10 a.example. trailing', 'a.example.'],
  ])('%j gives %j', (rdata, exchange) => {
    expect(mxExchange(rdata)).toBe(exchange)
    // The same as splitting at whitespace, which it replaces.
    expect(mxExchange(rdata)).toBe(rdata.trim().split(/\s+/)[1] ?? '')
  })
})

describe('isNullMx', () => {
  it.each([
    ['0 .', true],
    ['0\t.', true],
    ['  0   .  ', true],
    ['0 .\n', true],
    ['10 .', false],
    ['00 .', false],
    ['0 mx.example.', false],
    ['0 . extra', false],
    ['0.', false],
    ['0', false],
    ['', false],
    ['0 ..', false],
  ])('%j is %s', (rdata, expected) => {
    expect(isNullMx(rdata)).toBe(expected)
    // The same verdict as the pattern RFC 7505 §3 describes.
    expect(isNullMx(rdata)).toBe(/^0\s+\.$/.test(rdata.trim()))
  })
})
