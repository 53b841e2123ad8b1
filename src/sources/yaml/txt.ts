/** TXT data from YAML values: splitting into character-strings and printing presentation form. */
import { makeTxtData } from '../../model/record.js'
import type { TxtData } from '../../model/record.js'
import type { MappedText } from './scalar.js'

const MAX_STRING_OCTETS = 255

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/**
 * One long value split into character-strings of at most 255 octets, as octoDNS (and most
 * DNS-as-code tools) publish it. A character is never cut in half.
 */
export function splitIntoStrings(text: MappedText): MappedText[] {
  const parts: MappedText[] = []
  let start = 0
  let octets = 0
  let i = 0
  const cut = (at: number): void => {
    const next = at < text.value.length ? (text.offsets[at] as number) : text.end
    parts.push({
      value: text.value.slice(start, at),
      offsets: text.offsets.slice(start, at),
      end: next,
    })
    start = at
    octets = 0
  }
  while (i < text.value.length) {
    const codePoint = text.value.codePointAt(i) as number
    const width = codePoint > 0xffff ? 2 : 1
    const size = utf8Length(codePoint)
    if (octets + size > MAX_STRING_OCTETS) cut(i)
    octets += size
    i += width
  }
  if (start < text.value.length || parts.length === 0) cut(text.value.length)
  return parts
}

export function txtDataFromStrings(strings: MappedText[]): TxtData {
  return makeTxtData(strings.map((s) => ({ ...s, quoted: true })))
}

/**
 * Presentation form of TXT RDATA as BIND prints it: each string quoted; `"` and `\` escaped;
 * octets outside printable ASCII as `\DDD` (of their UTF-8 encoding).
 */
export function txtRdata(strings: string[]): string {
  return strings.map(quoteString).join(' ')
}

function quoteString(value: string): string {
  let out = '"'
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`
    else if (byte < 0x20 || byte > 0x7e) out += `\\${String(byte).padStart(3, '0')}`
    else out += String.fromCharCode(byte)
  }
  return `${out}"`
}

/** Keep the characters of `text` for which `keep` is true, with their offsets. */
export function filterMapped(text: MappedText, keep: (index: number) => boolean): MappedText {
  const value: string[] = []
  const offsets: number[] = []
  for (let i = 0; i < text.value.length; i++) {
    if (!keep(i)) continue
    value.push(text.value[i] as string)
    offsets.push(text.offsets[i] as number)
  }
  return { value: value.join(''), offsets, end: text.end }
}
