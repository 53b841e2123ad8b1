/**
 * TXT and SPF RDATA: one or more character-strings (RFC 1035 §3.3, §3.3.14), each quoted or a
 * bare word, decoded as BIND's `txt_fromtext` does: `\DDD` is exactly three digits ≤ 255, any
 * other `\X` is X, at most 255 octets per string after unescaping, 65535 octets in all.
 * Every decoded character keeps the file offset of its source (the backslash of an escape).
 */
import { makeTxtData, type TxtData } from '../../model/record.js'
import { Tok } from './lexer.js'
import { decimalEscape } from './names.js'

/** The RDATA tokens of one entry, and how their positions map to the file. */
export interface RdataTokens {
  text: string
  count: number
  kinds: Uint8Array
  starts: Int32Array
  ends: Int32Array
  /** Text index → file offset, for text that is not the file itself (`$GENERATE`). */
  map: Int32Array | null
}

export type RdataResult = { rdata: string; txt?: TxtData } | { error: string; token: number }

interface Part {
  value: string
  offsets: number[]
  end: number
  quoted: boolean
}

const BACKSLASH = 92

export function readTxt(tokens: RdataTokens, first: number): RdataResult {
  if (first >= tokens.count) return { error: 'TXT record with no character-string', token: -1 }
  const parts: Part[] = []
  let wire = 0
  for (let t = first; t < tokens.count; t++) {
    const quoted = tokens.kinds[t] === Tok.QString
    const start = (tokens.starts[t] as number) + (quoted ? 1 : 0)
    const end = (tokens.ends[t] as number) - (quoted ? 1 : 0)
    const part = decodeString(tokens, start, end, quoted)
    if (typeof part === 'string') return { error: part, token: t }
    if (part.value.length > 255) {
      return {
        error: `character-string of ${part.value.length} octets; at most 255 are allowed`,
        token: t,
      }
    }
    wire += part.value.length + 1
    if (wire > 65535) return { error: 'TXT RDATA longer than 65535 octets', token: t }
    parts.push(part)
  }
  return txtResult(parts)
}

/** TXT RDATA from wire bytes (RFC 3597 `\# len hex`); `byteOffsets` locate each byte. */
export function txtFromWire(bytes: number[], byteOffsets: number[], end: number): RdataResult {
  const parts: Part[] = []
  let i = 0
  if (bytes.length === 0) return { error: 'TXT record with no character-string', token: -1 }
  while (i < bytes.length) {
    const length = bytes[i] as number
    if (i + 1 + length > bytes.length) return { error: 'truncated character-string', token: -1 }
    let value = ''
    const offsets: number[] = []
    for (let k = 0; k < length; k++) {
      value += String.fromCharCode(bytes[i + 1 + k] as number)
      offsets[k] = byteOffsets[i + 1 + k] as number
    }
    parts.push({ value, offsets, end: byteOffsets[i + 1 + length] ?? end, quoted: false })
    i += 1 + length
  }
  return txtResult(parts)
}

function txtResult(parts: Part[]): RdataResult {
  let rdata = ''
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) rdata += ' '
    rdata += quoteString((parts[i] as Part).value)
  }
  return { rdata, txt: makeTxtData(parts) }
}

function decodeString(
  tokens: RdataTokens,
  start: number,
  end: number,
  quoted: boolean,
): Part | string {
  const { text, map } = tokens
  let plain = true
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === BACKSLASH) {
      plain = false
      break
    }
  }
  if (plain) {
    // Plain arrays: small typed arrays cost far more to allocate, and makeTxtData copies.
    const offsets: number[] = []
    for (let i = start; i < end; i++) offsets.push(map ? (map[i] as number) : i)
    return { value: text.slice(start, end), offsets, end: fileOffset(map, end), quoted }
  }
  let value = ''
  const offsets: number[] = []
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i)
    offsets.push(fileOffset(map, i))
    if (c === BACKSLASH) {
      if (i + 1 >= end) return 'a backslash with nothing to escape'
      const d = text.charCodeAt(i + 1)
      if (d >= 48 && d <= 57) {
        const value = decimalEscape(text, i + 1, end)
        if (value < 0) return 'bad \\DDD escape: exactly three digits, at most \\255'
        c = value
        i += 3
      } else {
        c = d
        i++
      }
    }
    value += String.fromCharCode(c)
  }
  return { value, offsets, end: fileOffset(map, end), quoted }
}

function fileOffset(map: Int32Array | null, at: number): number {
  if (!map) return at
  return (map[at] ?? map[map.length - 1] ?? 0) as number
}

/**
 * A character-string as BIND prints it: quoted, `"` and `\` escaped, bytes below 0x20 and
 * from 0x7f as `\DDD`; everything else (`;`, `(`, `@`, `$` too) literal.
 */
export function quoteString(value: string): string {
  let plain = true
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x20 || c >= 0x7f || c === 34 || c === BACKSLASH) {
      plain = false
      break
    }
  }
  if (plain) return '"' + value + '"'
  let out = '"'
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === 34 || c === BACKSLASH) out += '\\' + value[i]
    else if (c < 0x20 || c >= 0x7f) out += '\\' + String(c).padStart(3, '0')
    else out += value[i]
  }
  return out + '"'
}
