/**
 * TXT and SPF RDATA: one or more character-strings (RFC 1035 §3.3, §3.3.14), each quoted or a
 * bare word, decoded as BIND's `txt_fromtext` does: `\DDD` is exactly three digits ≤ 255, any
 * other `\X` is X, at most 255 octets per string after unescaping, 65535 octets in all.
 * Every decoded character keeps the file offset of its source (the backslash of an escape).
 */
import type { TxtData } from '../../model/record.js'
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

/** For TXT and SPF, `rdata` is empty: the record prints its presentation form when read. */
export type RdataResult = { rdata: string; txt?: TxtData } | { error: string; token: number }

const BACKSLASH = 92

/**
 * Offsets of the record being decoded. Written in place and copied once per record: the
 * 1,000,000-record benchmark allocates one Int32Array per TXT record and nothing per character.
 */
let scratch = new Int32Array(4096)

/**
 * The offsets of every TXT record are views into shared 1 MB blocks: a typed array of its own per
 * record costs an ArrayBuffer each, which doubles the time to build a large zone.
 */
const BLOCK_INTS = 1 << 18
let block = new Int32Array(BLOCK_INTS)
let blockUsed = 0

function allocOffsets(size: number): Int32Array {
  if (size > BLOCK_INTS / 4) return new Int32Array(size)
  if (blockUsed + size > BLOCK_INTS) {
    block = new Int32Array(BLOCK_INTS)
    blockUsed = 0
  }
  const view = block.subarray(blockUsed, blockUsed + size)
  blockUsed += size
  return view
}

function reserve(size: number): void {
  if (size <= scratch.length) return
  const bigger = new Int32Array(Math.max(size, scratch.length * 2))
  bigger.set(scratch)
  scratch = bigger
}

export function readTxt(tokens: RdataTokens, first: number): RdataResult {
  if (first >= tokens.count) return { error: 'TXT record with no character-string', token: -1 }
  if (first === tokens.count - 1 && tokens.map === null) {
    const single = readSingle(tokens, first)
    if (single !== null) return single
  }
  // Exact sizes: an array grown by push() keeps room for 17 elements, 4 arrays per record.
  const n = tokens.count - first
  const strings = new Array<string>(n)
  const stringStarts = new Array<number>(n)
  const quotedFlags = new Array<boolean>(n)
  /** Where each string's source starts while every character maps to one source character. */
  let sources: number[] | null = tokens.map === null ? new Array<number>(n) : null
  let length = 0
  let wire = 0
  for (let t = first; t < tokens.count; t++) {
    const quoted = tokens.kinds[t] === Tok.QString
    const start = (tokens.starts[t] as number) + (quoted ? 1 : 0)
    const end = (tokens.ends[t] as number) - (quoted ? 1 : 0)
    const value = decodeString(tokens, start, end, length)
    if (value === null) {
      return { error: 'bad escape: \\DDD takes exactly three digits, at most \\255', token: t }
    }
    if (value.length > 255) {
      return {
        error: `character-string of ${value.length} octets; at most 255 are allowed`,
        token: t,
      }
    }
    wire += value.length + 1
    if (wire > 65535) return { error: 'TXT RDATA longer than 65535 octets', token: t }
    const k = t - first
    if (sources !== null) {
      if (value.length === end - start) sources[k] = start
      else sources = null
    }
    strings[k] = value
    stringStarts[k] = length
    quotedFlags[k] = quoted
    length += value.length
    // Where this string's source ends; the next string overwrites it, the last one keeps it.
    scratch[length] = fileOffset(tokens.map, end)
  }
  if (sources !== null) {
    // Several strings (a single one without escapes took `readSingle`).
    const end = scratch[length] as number
    const txt = new PlainTxt(strings, strings.join(''), stringStarts, quotedFlags, sources, end)
    return { rdata: '', txt }
  }
  return txtResult(strings, stringStarts, quotedFlags, length)
}

/**
 * The most common TXT RDATA, one character-string without escapes, held without arrays; null
 * when it needs the general path (escapes, or too long: that path reports the error).
 */
function readSingle(tokens: RdataTokens, t: number): RdataResult | null {
  const { text } = tokens
  const quoted = tokens.kinds[t] === Tok.QString
  const start = (tokens.starts[t] as number) + (quoted ? 1 : 0)
  const end = (tokens.ends[t] as number) - (quoted ? 1 : 0)
  if (end - start > 255) return null
  if (hasEscape(text, start, end)) return null
  return { rdata: '', txt: new SingleTxt(text.slice(start, end), quoted, start) }
}

/** One character-string whose character i came from `source + i`. */
class SingleTxt implements TxtData {
  #offsets: Int32Array | null = null

  constructor(
    public text: string,
    private readonly wasQuoted: boolean,
    private readonly source: number,
  ) {}

  get strings(): string[] {
    return [this.text]
  }

  get stringStarts(): number[] {
    return ONE_START
  }

  get quoted(): boolean[] {
    return this.wasQuoted ? QUOTED : UNQUOTED
  }

  get offsets(): Int32Array {
    if (this.#offsets !== null) return this.#offsets
    const offsets = new Int32Array(this.text.length + 1)
    for (let i = 0; i <= this.text.length; i++) offsets[i] = this.source + i
    return (this.#offsets = offsets)
  }
}

/**
 * Shared by every single-string record (most of them): a million records would otherwise hold
 * one-element arrays each. Frozen, as nothing may change them.
 */
const ONE_START = Object.freeze([0]) as number[]
const QUOTED = Object.freeze([true]) as boolean[]
const UNQUOTED = Object.freeze([false]) as boolean[]

/**
 * TXT data whose strings have no escapes: character i of string k came from `sources[k] + i`,
 * so the offsets (four bytes per character) are built only for the records a finding points
 * into.
 */
class PlainTxt implements TxtData {
  #offsets: Int32Array | null = null
  readonly #sources: number[]
  readonly #end: number

  constructor(
    public strings: string[],
    public text: string,
    public stringStarts: number[],
    public quoted: boolean[],
    sources: number[],
    end: number,
  ) {
    this.#sources = sources
    this.#end = end
  }

  get offsets(): Int32Array {
    if (this.#offsets !== null) return this.#offsets
    const offsets = new Int32Array(this.text.length + 1)
    for (let k = 0; k < this.strings.length; k++) {
      const at = this.stringStarts[k] as number
      const source = this.#sources[k] as number
      const length = (this.strings[k] as string).length
      for (let i = 0; i < length; i++) offsets[at + i] = source + i
    }
    offsets[this.text.length] = this.#end
    return (this.#offsets = offsets)
  }
}

/** TXT RDATA from wire bytes (RFC 3597 `\# len hex`); `byteOffsets` locate each byte. */
export function txtFromWire(bytes: number[], byteOffsets: number[], end: number): RdataResult {
  if (bytes.length === 0) return { error: 'TXT record with no character-string', token: -1 }
  const strings: string[] = []
  const stringStarts: number[] = []
  const quotedFlags: boolean[] = []
  let length = 0
  let i = 0
  reserve(bytes.length + 1)
  while (i < bytes.length) {
    const size = bytes[i] as number
    if (i + 1 + size > bytes.length) return { error: 'truncated character-string', token: -1 }
    let value = ''
    for (let k = 0; k < size; k++) {
      value += String.fromCharCode(bytes[i + 1 + k] as number)
      scratch[length + k] = byteOffsets[i + 1 + k] as number
    }
    strings.push(value)
    stringStarts.push(length)
    quotedFlags.push(false)
    length += size
    i += 1 + size
    scratch[length] = byteOffsets[i] ?? end
  }
  return txtResult(strings, stringStarts, quotedFlags, length)
}

/** The same TxtData `makeTxtData` builds, without its per-string intermediate arrays. */
function txtResult(
  strings: string[],
  stringStarts: number[],
  quoted: boolean[],
  length: number,
): RdataResult {
  const text = strings.length === 1 ? (strings[0] as string) : strings.join('')
  const offsets = allocOffsets(length + 1)
  for (let i = 0; i <= length; i++) offsets[i] = scratch[i] as number
  const txt: TxtData = { strings, text, offsets, stringStarts, quoted }
  // The presentation form is printed when read (BindRecord.rdata).
  return { rdata: '', txt }
}

/** Whether `text[start, end)` holds a backslash, so that it must be decoded. */
function hasEscape(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === BACKSLASH) return true
  return false
}

/**
 * Decode one character-string into a JS string (one char per octet), writing the file offset
 * of each character's source at `scratch[at + i]`. Null on a malformed escape.
 */
function decodeString(tokens: RdataTokens, start: number, end: number, at: number): string | null {
  const { text, map } = tokens
  reserve(at + (end - start) + 1)
  if (!hasEscape(text, start, end)) {
    for (let i = start; i < end; i++) scratch[at++] = map ? (map[i] as number) : i
    return text.slice(start, end)
  }
  let value = ''
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i)
    scratch[at++] = fileOffset(map, i)
    if (c === BACKSLASH) {
      if (i + 1 >= end) return null
      const d = text.charCodeAt(i + 1)
      if (d >= 48 && d <= 57) {
        const decoded = decimalEscape(text, i + 1, end)
        if (decoded < 0) return null
        c = decoded
        i += 3
      } else {
        c = d
        i++
      }
    }
    value += String.fromCharCode(c)
  }
  return value
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
