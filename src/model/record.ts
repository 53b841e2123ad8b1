import type { Location } from './source.js'

export type SourceFormat = 'bind' | 'octodns' | 'native'

/**
 * The character-strings of a TXT (or SPF type 99) record, and where each character came from.
 *
 * `text` is the strings joined without separators, as receivers join them (RFC 7208 §3.3).
 * `offsets[i]` is the file offset of the source character that produced `text[i]` (the
 * backslash of an escape); `offsets[text.length]` is the offset just after the last character's source (before a closing
 * quote). This is what
 * lets a problem in an SPF term on the second line of a parenthesised record point at that line.
 */
export interface TxtData {
  strings: string[]
  text: string
  offsets: Int32Array
  /** Index in `text` at which each string starts. */
  stringStarts: number[]
  /** Whether each string was written quoted in the source (unquoted words split at spaces). */
  quoted: boolean[]
}

/** One resource record from any source format, with its position. */
export interface ZoneRecord {
  /** The zone apex this record belongs to, lower-case, no trailing dot (`corp.example`). */
  zone: string
  /** Owner name, absolute, lower-case, no trailing dot, presentation escapes kept. */
  name: string
  /** Upper-case mnemonic (`TXT`, `SPF`, `MX`, `A`, ...) or `TYPEnnn`. */
  type: string
  ttl: number
  /** RDATA in canonical presentation form (as `named-compilezone` prints it). */
  rdata: string
  /**
   * BIND zone files: the origin (absolute, with its final dot) that relative names in the RDATA
   * of types printed as written (RP, MINFO, HTTPS, SVCB and the like) are read against.
   */
  rdataOrigin?: string
  /** Present for TXT and SPF records. */
  txt?: TxtData
  /** The whole entry, owner to end of RDATA. */
  location: Location
  /** The RDATA alone. */
  rdataLocation: Location
  format: SourceFormat
}

/** The file location of [start, end) in a TXT record's joined text. */
export function textLocation(record: ZoneRecord, start: number, end: number): Location {
  const txt = record.txt
  if (!txt) return record.rdataLocation
  const last = txt.text.length
  const s = Math.max(0, Math.min(start, last))
  const e = Math.max(s, Math.min(end, last))
  const fileStart = txt.offsets[s] as number
  // Inside one string the next character's offset is exactly where this span's source ends
  // (escapes included); at a string boundary that would run into the next string.
  let fileEnd: number
  if (e === last || (e < last && !txt.stringStarts.includes(e))) fileEnd = txt.offsets[e] as number
  else fileEnd = (txt.offsets[e - 1] as number) + 1
  return { file: record.location.file, start: fileStart, end: Math.max(fileEnd, fileStart) }
}

/** Build TxtData from strings and per-string offset maps (used by every source format). */
export function makeTxtData(
  parts: { value: string; offsets: ArrayLike<number>; end: number; quoted: boolean }[],
): TxtData {
  const strings = parts.map((p) => p.value)
  const text = strings.join('')
  const offsets = new Int32Array(text.length + 1)
  const stringStarts: number[] = []
  let i = 0
  for (const part of parts) {
    stringStarts.push(i)
    for (let j = 0; j < part.value.length; j++) offsets[i++] = part.offsets[j] as number
  }
  offsets[text.length] = parts.length ? (parts[parts.length - 1] as { end: number }).end : 0
  return { strings, text, offsets, stringStarts, quoted: parts.map((p) => p.quoted) }
}

/**
 * The exchange of an MX record's RDATA (`10 mx1.example.` gives `mx1.example.`), read without
 * splitting: rules look at every MX record of a zone. Empty when there is none.
 */
export function mxExchange(rdata: string): string {
  const n = rdata.length
  let i = 0
  while (i < n && isBlank(rdata.charCodeAt(i))) i++
  while (i < n && !isBlank(rdata.charCodeAt(i))) i++
  while (i < n && isBlank(rdata.charCodeAt(i))) i++
  let end = i
  while (end < n && !isBlank(rdata.charCodeAt(end))) end++
  return rdata.slice(i, end)
}

/** RFC 7505: "0 ." declares that the name accepts no mail (blanks around it allowed). */
export function isNullMx(rdata: string): boolean {
  const n = rdata.length
  let i = 0
  while (i < n && isBlank(rdata.charCodeAt(i))) i++
  if (rdata.charCodeAt(i++) !== 48) return false
  const afterZero = i
  while (i < n && isBlank(rdata.charCodeAt(i))) i++
  if (i === afterZero || rdata.charCodeAt(i++) !== 46) return false
  while (i < n && isBlank(rdata.charCodeAt(i))) i++
  return i === n
}

/** What `\s` matches (and `trim()` removes), read by code point. */
function isBlank(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}
