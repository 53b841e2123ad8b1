/**
 * RDATA in the canonical presentation form `named-compilezone` prints. TXT and SPF are read
 * exactly (they are what we lint); the record types SPF rules look at (A, AAAA, MX, CNAME, NS,
 * PTR, SOA) and a few common ones are normalised as BIND does; anything else is kept as
 * written, its tokens separated by single spaces.
 */
import { formatIPv6, parseIPv4, parseIPv6 } from './address.js'
import { Tok } from './lexer.js'
import { isNameError, parseName } from './names.js'
import { parseTtl } from './ttl.js'
import { TYPE_SPF, TYPE_TXT } from './types.js'
import { readTxt, txtFromWire, type RdataResult, type RdataTokens } from './txt.js'

const NAME_TYPES = new Set([2, 3, 4, 5, 7, 8, 9, 12, 39])
/** MX, AFSDB, RT, KX: a 16-bit preference then a name. */
const PREFERENCE_NAME_TYPES = new Set([15, 18, 21, 36])

export function readRdata(type: number, tokens: RdataTokens, origin: string): RdataResult {
  const generic = tokens.count > 0 && isGenericMarker(tokens, 0)
  if (generic) {
    // RFC 3597 §5; BIND's TXT quirk: `\#` not followed by a number is a literal `#`.
    const isTxt = type === TYPE_TXT || type === TYPE_SPF
    if (!(isTxt && (tokens.count < 2 || !isNumber(tokens, 1)))) return readGeneric(type, tokens)
  }
  if (type === TYPE_TXT || type === TYPE_SPF) return readTxt(tokens, 0)
  if (tokens.count === 0) return { error: 'missing RDATA', token: -1 }
  const words = tokenTexts(tokens)
  const expect = (n: number): RdataResult | null => {
    if (words.length < n) return { error: 'unexpected end of input', token: -1 }
    if (words.length > n) return { error: 'extra input text', token: n }
    return null
  }
  const name = (i: number): string | RdataResult => {
    const parsed = parseName(
      tokens.text,
      tokens.starts[i] as number,
      tokens.ends[i] as number,
      origin,
    )
    return isNameError(parsed) ? { error: parsed.error, token: i } : parsed
  }
  const uint16 = (i: number): number | RdataResult => {
    const value = Number(words[i])
    return /^[0-9]+$/.test(words[i] as string) && value <= 65535
      ? value
      : { error: `"${words[i]}" is not a number from 0 to 65535`, token: i }
  }
  switch (type) {
    case 1: {
      const bad = expect(1)
      if (bad) return bad
      const v4 = parseIPv4(words[0] as string)
      return v4 ? { rdata: v4.join('.') } : { error: 'bad dotted quad', token: 0 }
    }
    case 28: {
      const bad = expect(1)
      if (bad) return bad
      const v6 = parseIPv6(words[0] as string)
      return v6 ? { rdata: formatIPv6(v6) } : { error: 'bad IPv6 address', token: 0 }
    }
    case 6:
      return readSoa(tokens, words, name)
    case 33: {
      const bad = expect(4)
      if (bad) return bad
      const out: (number | string)[] = []
      for (let i = 0; i < 3; i++) {
        const value = uint16(i)
        if (typeof value !== 'number') return value
        out.push(value)
      }
      const target = name(3)
      return typeof target === 'string' ? { rdata: `${out.join(' ')} ${target}` } : target
    }
  }
  if (NAME_TYPES.has(type)) {
    const bad = expect(1)
    if (bad) return bad
    const target = name(0)
    return typeof target === 'string' ? { rdata: target } : target
  }
  if (PREFERENCE_NAME_TYPES.has(type)) {
    const bad = expect(2)
    if (bad) return bad
    const preference = uint16(0)
    if (typeof preference !== 'number') return preference
    const target = name(1)
    return typeof target === 'string' ? { rdata: `${preference} ${target}` } : target
  }
  return { rdata: words.join(' ') }
}

function readSoa(
  tokens: RdataTokens,
  words: string[],
  name: (i: number) => string | RdataResult,
): RdataResult {
  if (words.length < 7) return { error: 'unexpected end of input', token: -1 }
  if (words.length > 7) return { error: 'extra input text', token: 7 }
  const mname = name(0)
  if (typeof mname !== 'string') return mname
  const rname = name(1)
  if (typeof rname !== 'string') return rname
  const numbers: number[] = []
  for (let i = 2; i < 7; i++) {
    const word = words[i] as string
    // The serial is a plain 32-bit number; the four timers accept TTL units (BIND).
    const value =
      i === 2
        ? /^[0-9]{1,10}$/.test(word) && Number(word) <= 0xffffffff
          ? Number(word)
          : -1
        : parseTtl(tokens.text, tokens.starts[i] as number, tokens.ends[i] as number)
    if (value < 0) return { error: `bad SOA number "${word}"`, token: i }
    numbers.push(value)
  }
  return { rdata: `${mname} ${rname} ${numbers.join(' ')}` }
}

/** `\# length hex...` (RFC 3597 §5). */
function readGeneric(type: number, tokens: RdataTokens): RdataResult {
  if (tokens.count < 2 || !isNumber(tokens, 1)) {
    return { error: 'generic RDATA needs a length after \\#', token: 1 }
  }
  const words = tokenTexts(tokens)
  const length = Number(words[1])
  if (length > 65535) return { error: 'generic RDATA length over 65535', token: 1 }
  const bytes: number[] = []
  const offsets: number[] = []
  for (let t = 2; t < tokens.count; t++) {
    const word = words[t] as string
    if (tokens.kinds[t] !== Tok.Word || !/^([0-9a-fA-F]{2})*$/.test(word)) {
      return { error: 'bad hex in generic RDATA', token: t }
    }
    const start = tokens.starts[t] as number
    for (let k = 0; k < word.length; k += 2) {
      bytes.push(parseInt(word.slice(k, k + 2), 16))
      offsets.push(tokens.map ? (tokens.map[start + k] as number) : start + k)
    }
  }
  if (bytes.length !== length) {
    return { error: `generic RDATA has ${bytes.length} octets, not ${length}`, token: 1 }
  }
  const last = tokens.count - 1
  const end = tokens.ends[last] as number
  if (type === TYPE_TXT || type === TYPE_SPF) {
    return txtFromWire(bytes, offsets, tokens.map ? (tokens.map[end] as number) : end)
  }
  if (type === 1 && length === 4) return { rdata: bytes.join('.') }
  if (type === 28 && length === 16) {
    const words16: number[] = []
    for (let i = 0; i < 16; i += 2)
      words16.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number))
    return { rdata: formatIPv6(words16) }
  }
  const hex = bytes
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()
  return { rdata: length === 0 ? '\\# 0' : `\\# ${length} ${hex}` }
}

function isGenericMarker(tokens: RdataTokens, t: number): boolean {
  const start = tokens.starts[t] as number
  return (
    tokens.kinds[t] === Tok.Word &&
    (tokens.ends[t] as number) - start === 2 &&
    tokens.text.charCodeAt(start) === 92 &&
    tokens.text.charCodeAt(start + 1) === 35
  )
}

function isNumber(tokens: RdataTokens, t: number): boolean {
  if (tokens.kinds[t] !== Tok.Word) return false
  const start = tokens.starts[t] as number
  const end = tokens.ends[t] as number
  for (let i = start; i < end; i++) {
    const d = tokens.text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
  }
  return end > start
}

function tokenTexts(tokens: RdataTokens): string[] {
  const words: string[] = []
  for (let t = 0; t < tokens.count; t++) {
    words.push(tokens.text.slice(tokens.starts[t] as number, tokens.ends[t] as number))
  }
  return words
}
