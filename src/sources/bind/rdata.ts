/**
 * RDATA in the canonical presentation form `named-compilezone` prints. TXT and SPF are read
 * exactly (they are what we lint); the record types SPF rules look at (A, AAAA, MX, CNAME, NS,
 * PTR, SOA) and a few common ones are normalised as BIND does; anything else is kept as
 * written, its tokens separated by single spaces.
 */
import { parseIp4, readIp6 } from '../../model/address.js'
import { formatIPv6 } from './address.js'
import { Tok } from './lexer.js'
import { checkName, isNameError, nameFromWire, parseName } from './names.js'
import { spanTokens } from './tokens.js'
import { parseTtl } from './ttl.js'
import {
  hasMnemonic,
  TYPE_A,
  TYPE_AAAA,
  TYPE_SOA,
  TYPE_SPF,
  TYPE_SRV,
  TYPE_TXT,
  typeName,
} from './types.js'
import { readTxt, txtFromWire, type RdataResult, type RdataTokens } from './txt.js'

const NAME_TYPES = new Set([2, 3, 4, 5, 7, 8, 9, 12, 39])
/** MX, AFSDB, RT, KX: a 16-bit preference then a name. */
const PREFERENCE_NAME_TYPES = new Set([15, 18, 21, 36])

/** The groups of the IPv6 address being read. */
const groups = new Uint16Array(8)

/**
 * What `readRdata(..., later)` returns for valid RDATA whose text it did not build: a zone is
 * mostly A, AAAA, MX and CNAME records whose RDATA nobody reads, so their canonical text is
 * built from the source span when a record is first looked at (`rdataFromSource`).
 */
export const READ_LATER: RdataResult = Object.freeze({ rdata: '' })

/**
 * Read RDATA of `type` from `tokens`: its canonical text, or the first error. With `later`,
 * RDATA of the common types (A, AAAA, names, preference and name, SRV) is only checked, and
 * READ_LATER is returned for it when it is valid.
 */
export function readRdata(
  type: number,
  tokens: RdataTokens,
  origin: string,
  later = false,
): RdataResult {
  const generic = tokens.count > 0 && isGenericMarker(tokens, 0)
  if (generic) {
    // RFC 3597 §5; BIND's TXT quirk (TXT only, not SPF): `\#` not followed by a number is a
    // literal `#`.
    if (!(type === TYPE_TXT && (tokens.count < 2 || !isNumber(tokens, 1)))) {
      return readGeneric(type, tokens)
    }
  }
  if (type === TYPE_TXT || type === TYPE_SPF) return readTxt(tokens, 0)
  if (tokens.count === 0) return { error: 'missing RDATA', token: -1 }
  switch (type) {
    case TYPE_A: {
      const bad = expectTokens(tokens, 1)
      if (bad) return bad
      const start = tokens.starts[0] as number
      const end = tokens.ends[0] as number
      // inet_pton accepts only the canonical form, so valid text is its own canonical text.
      if (parseIp4(tokens.text, start, end) < 0) return { error: 'bad dotted quad', token: 0 }
      return later ? READ_LATER : { rdata: tokens.text.slice(start, end) }
    }
    case TYPE_AAAA: {
      const bad = expectTokens(tokens, 1)
      if (bad) return bad
      const start = tokens.starts[0] as number
      const end = tokens.ends[0] as number
      if (!readIp6(tokens.text, start, end, groups)) return { error: 'bad IPv6 address', token: 0 }
      return later ? READ_LATER : { rdata: formatIPv6(groups) }
    }
    case TYPE_SOA:
      return readSoa(tokens, origin)
    case TYPE_SRV: {
      const bad = expectTokens(tokens, 4)
      if (bad) return bad
      for (let i = 0; i < 3; i++) {
        const error = uint16Error(tokens, i)
        if (error) return error
      }
      return nameRdata(tokens, 3, origin, later)
    }
  }
  if (NAME_TYPES.has(type)) {
    const bad = expectTokens(tokens, 1)
    return bad ?? nameRdata(tokens, 0, origin, later)
  }
  if (PREFERENCE_NAME_TYPES.has(type)) {
    const bad = expectTokens(tokens, 2)
    if (bad) return bad
    return uint16Error(tokens, 0) ?? nameRdata(tokens, 1, origin, later)
  }
  // A type BIND has no presentation format for takes RFC 3597 §5 syntax only.
  if (!hasMnemonic(type)) {
    return {
      error: `${typeName(type)} has no text form: write its RDATA as \\# <length> <hex> (RFC 3597 §5)`,
      token: 0,
    }
  }
  return { rdata: tokenTexts(tokens).join(' ') }
}

/** Canonical text of RDATA that was read `later`, from its source span. */
export function rdataFromSource(
  type: number,
  text: string,
  start: number,
  end: number,
  origin: string,
): string {
  const tokens = spanTokens(text, start, end)
  const result = readRdata(type, tokens, origin)
  // The span was valid when the zone was read; this cannot fail unless the text changed.
  return 'error' in result ? text.slice(start, end) : result.rdata
}

/** The numbers before token `nameAt` (already checked), then the name, canonical. */
function nameRdata(
  tokens: RdataTokens,
  nameAt: number,
  origin: string,
  later: boolean,
): RdataResult {
  const quoted = quotedName(tokens, nameAt)
  if (quoted) return quoted
  const start = tokens.starts[nameAt] as number
  const end = tokens.ends[nameAt] as number
  if (later) {
    const error = checkName(tokens.text, start, end, origin)
    return error ? { error: error.error, token: nameAt } : READ_LATER
  }
  const name = parseName(tokens.text, start, end, origin)
  if (isNameError(name)) return { error: name.error, token: nameAt }
  let out = ''
  for (let i = 0; i < nameAt; i++) out += `${Number(wordAt(tokens, i))} `
  return { rdata: out + name }
}

/** BIND reads a domain name in RDATA from an unquoted token only ("unexpected token"). */
function quotedName(tokens: RdataTokens, t: number): RdataResult | null {
  if (tokens.kinds[t] === Tok.Word) return null
  return { error: 'a domain name in quotes: BIND refuses it here; remove the quotes', token: t }
}

/** An error unless there are exactly `n` tokens. */
function expectTokens(tokens: RdataTokens, n: number): RdataResult | null {
  if (tokens.count < n) return { error: 'unexpected end of input', token: -1 }
  if (tokens.count > n) return { error: 'extra input text', token: n }
  return null
}

/** An error unless token `i` is a number from 0 to 65535. */
function uint16Error(tokens: RdataTokens, i: number): RdataResult | null {
  if (isNumber(tokens, i) && Number(wordAt(tokens, i)) <= 65535) return null
  return { error: `"${wordAt(tokens, i)}" is not a number from 0 to 65535`, token: i }
}

function readSoa(tokens: RdataTokens, origin: string): RdataResult {
  const bad = expectTokens(tokens, 7)
  if (bad) return bad
  const names: string[] = []
  for (let i = 0; i < 2; i++) {
    const quoted = quotedName(tokens, i)
    if (quoted) return quoted
    const name = parseName(
      tokens.text,
      tokens.starts[i] as number,
      tokens.ends[i] as number,
      origin,
    )
    if (isNameError(name)) return { error: name.error, token: i }
    names.push(name)
  }
  const numbers: number[] = []
  for (let i = 2; i < 7; i++) {
    const word = wordAt(tokens, i)
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
  return { rdata: `${names.join(' ')} ${numbers.join(' ')}` }
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
  const size = type === TYPE_A ? 4 : type === TYPE_AAAA ? 16 : -1
  if (size !== -1 && length !== size) {
    return {
      error: `an ${typeName(type)} record's RDATA is ${size} octets, not ${length}`,
      token: 1,
    }
  }
  if (type === TYPE_A) return { rdata: bytes.join('.') }
  if (type === TYPE_AAAA) {
    const words16: number[] = []
    for (let i = 0; i < 16; i += 2) words16.push(uint16At(bytes, i))
    return { rdata: formatIPv6(words16) }
  }
  const withName = namesFromWire(type, bytes)
  if (withName === null) {
    return { error: `the \\# RDATA is not a valid ${typeName(type)} record`, token: 1 }
  }
  if (withName !== undefined) return { rdata: withName }
  const hex = bytes
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()
  return { rdata: length === 0 ? '\\# 0' : `\\# ${length} ${hex}` }
}

/**
 * The canonical text of `\#` RDATA of a type that holds a name (BIND prints those in their own
 * form), null when the octets are not such RDATA, undefined for other types.
 */
function namesFromWire(type: number, bytes: readonly number[]): string | null | undefined {
  const numbers = PREFERENCE_NAME_TYPES.has(type) ? 1 : type === TYPE_SRV ? 3 : 0
  if (numbers === 0 && !NAME_TYPES.has(type) && type !== TYPE_SOA) return undefined
  const parts: string[] = []
  let at = 0
  for (; parts.length < numbers; at += 2) {
    if (at + 2 > bytes.length) return null
    parts.push(String(uint16At(bytes, at)))
  }
  for (let k = type === TYPE_SOA ? 2 : 1; k > 0; k--) {
    const read = nameFromWire(bytes, at)
    if (read === null) return null
    parts.push(read.name)
    at = read.next
  }
  if (type === TYPE_SOA) {
    // Serial, refresh, retry, expire, minimum: five 32-bit numbers.
    for (let k = 0; k < 5; k++, at += 4) {
      if (at + 4 > bytes.length) return null
      parts.push(String(uint16At(bytes, at) * 0x10000 + uint16At(bytes, at + 2)))
    }
  }
  return at === bytes.length ? parts.join(' ') : null
}

/** The 16-bit number in network order at `bytes[at]`. */
function uint16At(bytes: readonly number[], at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number)
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

function wordAt(tokens: RdataTokens, t: number): string {
  return tokens.text.slice(tokens.starts[t] as number, tokens.ends[t] as number)
}

function tokenTexts(tokens: RdataTokens): string[] {
  const words: string[] = []
  for (let t = 0; t < tokens.count; t++) words.push(wordAt(tokens, t))
  return words
}
