/**
 * The small readers of the master-file parser: addresses as `inet_pton` reads them, names
 * checked without being built, type and class mnemonics read in place.
 */
import { describe, expect, it } from 'vitest'
import { parseIp4, readIp6 } from '../../../src/model/address.js'
import { formatIPv6 } from '../../../src/sources/bind/address.js'
import { checkName, isNameError, parseName } from '../../../src/sources/bind/names.js'
import { classCode, classCodeAt, typeCode, typeCodeAt } from '../../../src/sources/bind/types.js'

describe('dotted quads', () => {
  it.each([
    ['192.0.2.1', [192, 0, 2, 1]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
  ])('reads %s', (text, bytes) => {
    expect(parseIp4(text)).toBe(bytes.reduce((n, byte) => n * 256 + byte, 0))
  })

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.256',
    '01.2.3.4',
    '1.2.3.04',
    '1..3.4',
    '1.2.3.',
    '.1.2.3',
    '1.2.3.4a',
    '1.2.3.1000',
    ' 1.2.3.4',
  ])('refuses %j', (text) => {
    expect(parseIp4(text)).toBe(-1)
  })

  it('reads a quad inside a longer text', () => {
    expect(parseIp4('A 10.0.0.1 ;', 2, 10)).toBe(0x0a000001)
    expect(parseIp4('A 10.0.0.1 ;', 2, 11)).toBe(-1)
  })
})

describe('IPv6 addresses', () => {
  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:DB8::', '2001:db8::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:1:0:0:0:1', 'fe80:0:0:1::1'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::1.2.3.4', '::1.2.3.4'],
    ['0:0:0:0:0:ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6::8', '1:2:3:4:5:6:0:8'],
    ['0001:02:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('reads %s as %s', (text, printed) => {
    const groups = new Uint16Array(8)
    expect(readIp6(text, 0, text.length, groups)).toBe(true)
    expect(formatIPv6(groups)).toBe(printed)
  })

  it.each([
    '',
    ':',
    ':::',
    ':1',
    '1:',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4::5:6:7:8',
    '12345::',
    'g::',
    '1.2.3.4',
    '::1.2.3',
    '::1.2.3.4:5',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::01.2.3.4',
    '1:::2',
  ])('refuses %j', (text) => {
    expect(readIp6(text, 0, text.length, new Uint16Array(8))).toBe(false)
  })
})

describe('checkName agrees with parseName', () => {
  const long = (n: number) => 'a'.repeat(n)
  const names = [
    '@',
    'host',
    'host.',
    'a.b.c',
    '.',
    '',
    'a..b',
    '.a',
    long(63),
    long(64),
    `${long(63)}.${long(63)}.${long(63)}.${long(57)}`,
    `${long(63)}.${long(63)}.${long(63)}.${long(62)}.`,
    `${long(63)}.${long(63)}.${long(63)}.${long(63)}.`,
    'a\\.b',
    'a\\065',
    'a\\256',
    'x y',
  ]
  for (const origin of ['example.com.', '.', null]) {
    it.each(names)(`%j with origin ${String(origin)}`, (name) => {
      const parsed = parseName(name, 0, name.length, origin)
      const checked = checkName(name, 0, name.length, origin)
      expect(checked).toEqual(isNameError(parsed) ? parsed : null)
    })
  }
})

describe('type and class mnemonics read in place', () => {
  const readers = {
    type: { at: typeCodeAt, whole: typeCode },
    class: { at: classCodeAt, whole: classCode },
  }
  // Known, long, TYPEnnn, query-only and unknown types; classes in every spelling; near misses.
  const types =
    'A aaaa Mx TXT spf NSEC3PARAM openpgpkey TYPE65 type1 AXFR ANY OPT TYPE252 FOO A-B 3600 IN'
  const classes = 'IN in iN CH chaos HS HESIOD NONE ANY CLASS1 class255 CLASS65536 A TXT 3600 I INN'
  it.each([
    ...types.split(' ').map((token) => ['type', token] as const),
    ['type', ''] as const,
    ...classes.split(' ').map((token) => ['class', token] as const),
  ])('%s %j', (kind, token) => {
    const { at, whole } = readers[kind]
    const text = `x ${token} y`
    expect(at(text, 2, 2 + token.length)).toBe(whole(token))
  })
})
