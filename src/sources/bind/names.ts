/**
 * Domain names in presentation form (RFC 1035 §5.1, §2.3.4), as `dns_name_fromtext` reads
 * them and `dns_name_totext` prints them.
 *
 * Names travel as strings in BIND's canonical presentation form, absolute, with the trailing
 * dot and the case as written: `. ; " ( ) @ $ \` inside a label are escaped with a backslash,
 * bytes outside 0x21..0x7e as `\DDD`. One form means one string, so names compare with `===`
 * once lower-cased.
 */

export interface NameError {
  error: string
}

const BACKSLASH = 92
const DOT = 46

/** Printable characters that BIND prints in a label without an escape. */
const PLAIN = new Uint8Array(256)
for (let c = 0x21; c <= 0x7e; c++) PLAIN[c] = 1
for (const ch of '.;"()@$\\') PLAIN[ch.charCodeAt(0)] = 0

let cachedOrigin = ''
let cachedOriginWire = 1

/** Length of a canonical absolute name on the wire (labels with their length octets, root). */
export function wireLength(name: string): number {
  if (name === cachedOrigin) return cachedOriginWire
  let wire = 1
  let i = 0
  const n = name.length
  if (name === '.') return 1
  while (i < n) {
    const c = name.charCodeAt(i)
    if (c === BACKSLASH) {
      const d = name.charCodeAt(i + 1)
      i += d >= 48 && d <= 57 ? 4 : 2
      wire++
    } else {
      // A label boundary costs its length octet; the label's bytes count one each.
      wire++
      i++
    }
  }
  // Each unescaped dot was counted as a byte but is a length octet: same count.
  cachedOrigin = name
  cachedOriginWire = wire
  return wire
}

const NO_ORIGIN_FOR_AT: NameError = { error: 'no origin for "@"' }
const EMPTY_NAME: NameError = { error: 'empty name' }
const EMPTY_LABEL: NameError = { error: 'empty label' }
const LONG_LABEL: NameError = { error: 'label longer than 63 octets' }
const LONG_NAME: NameError = { error: 'name longer than 255 octets' }
const NO_ORIGIN: NameError = { error: 'relative name with no origin' }

/** What `scanPlainName` returns when the name is not one of plain labels. */
const NOT_PLAIN = -1
const ROOT = -2
const BAD_EMPTY_LABEL = -3
const BAD_LONG_LABEL = -4

/**
 * Scan a name made of plain characters (nearly every name in real zones): the octets its labels
 * take on the wire (length octets included, the root label not), or one of the codes above.
 */
function scanPlainName(text: string, start: number, end: number): number {
  let labelLength = 0
  let wire = 0
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === DOT) {
      if (labelLength === 0) return i === start && end - start === 1 ? ROOT : BAD_EMPTY_LABEL
      wire += labelLength + 1
      labelLength = 0
    } else if (c < 256 && PLAIN[c] === 1) {
      if (++labelLength > 63) return BAD_LONG_LABEL
    } else {
      return NOT_PLAIN
    }
  }
  return labelLength === 0 ? wire : wire + labelLength + 1
}

/** The length error of a plain name of `wire` label octets, or null when it fits. */
function plainLengthError(
  wire: number,
  absolute: boolean,
  origin: string | null,
): NameError | null {
  if (absolute) return wire + 1 > 255 ? LONG_NAME : null
  if (origin === null) return NO_ORIGIN
  return wire + wireLength(origin) > 255 ? LONG_NAME : null
}

/**
 * Parse `text[start, end)` as a domain name relative to `origin` (absolute, canonical), or
 * `null` when no origin applies. `@` alone is the origin.
 */
export function parseName(
  text: string,
  start: number,
  end: number,
  origin: string | null,
): string | NameError {
  if (end - start === 1 && text.charCodeAt(start) === 64 /* @ */) {
    return origin ?? NO_ORIGIN_FOR_AT
  }
  if (start === end) return EMPTY_NAME
  const wire = scanPlainName(text, start, end)
  if (wire === NOT_PLAIN) return parseEscapedName(text, start, end, origin)
  if (wire === ROOT) return '.'
  if (wire === BAD_EMPTY_LABEL) return EMPTY_LABEL
  if (wire === BAD_LONG_LABEL) return LONG_LABEL
  const absolute = text.charCodeAt(end - 1) === DOT
  const error = plainLengthError(wire, absolute, origin)
  if (error !== null) return error
  const name = text.slice(start, end)
  if (absolute) return name
  return origin === '.' ? name + '.' : name + '.' + (origin as string)
}

/**
 * The error `parseName` would return, or null for a valid name, without building the name:
 * RDATA names are checked while reading and printed only when a record is looked at.
 */
export function checkName(
  text: string,
  start: number,
  end: number,
  origin: string | null,
): NameError | null {
  if (end - start === 1 && text.charCodeAt(start) === 64 /* @ */) {
    return origin === null ? NO_ORIGIN_FOR_AT : null
  }
  if (start === end) return EMPTY_NAME
  const wire = scanPlainName(text, start, end)
  if (wire === NOT_PLAIN) {
    const parsed = parseEscapedName(text, start, end, origin)
    return isNameError(parsed) ? parsed : null
  }
  if (wire === ROOT) return null
  if (wire === BAD_EMPTY_LABEL) return EMPTY_LABEL
  if (wire === BAD_LONG_LABEL) return LONG_LABEL
  return plainLengthError(wire, text.charCodeAt(end - 1) === DOT, origin)
}

/**
 * The labels of the name `text[start, end)` in presentation form, each as its octets (`\DDD` and
 * `\X` decoded), the root label left out, and whether the name is absolute; or what is wrong
 * with it. The root alone is no labels, absolute.
 */
export function nameLabels(
  text: string,
  start: number,
  end: number,
): { labels: number[][]; absolute: boolean } | NameError {
  const labels: number[][] = []
  let label: number[] = []
  let absolute = false
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i)
    if (c === DOT) {
      if (label.length === 0) {
        if (i === start && end - start === 1) return { labels, absolute: true }
        return EMPTY_LABEL
      }
      labels.push(label)
      label = []
      if (i === end - 1) absolute = true
      continue
    }
    if (c === BACKSLASH) {
      if (i + 1 >= end) return { error: 'bad escape at the end of a name' }
      const d = text.charCodeAt(i + 1)
      if (d >= 48 && d <= 57) {
        const value = decimalEscape(text, i + 1, end)
        if (value < 0) return { error: 'bad \\DDD escape (three digits, at most 255)' }
        c = value
        i += 3
      } else {
        c = d
        i++
      }
    }
    label.push(c & 0xff)
    if (label.length > 63) return LONG_LABEL
  }
  if (label.length > 0) labels.push(label)
  return { labels, absolute }
}

function parseEscapedName(
  text: string,
  start: number,
  end: number,
  origin: string | null,
): string | NameError {
  const read = nameLabels(text, start, end)
  if ('error' in read) return read
  const { labels, absolute } = read
  if (labels.length === 0 && absolute) return '.'
  let wire = 1
  for (const l of labels) wire += l.length + 1
  let name = ''
  for (const l of labels) name += labelToText(l) + '.'
  if (!absolute) {
    if (origin === null) return NO_ORIGIN
    wire += wireLength(origin) - 1
    if (origin !== '.') name += origin
  }
  if (wire > 255) return LONG_NAME
  return name
}

/** Value of the three digits at `text[at]` (a `\DDD` escape), or -1 if malformed or > 255. */
export function decimalEscape(text: string, at: number, end: number): number {
  if (at + 3 > end) return -1
  let value = 0
  for (let k = 0; k < 3; k++) {
    const d = text.charCodeAt(at + k) - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value > 255 ? -1 : value
}

function labelToText(label: number[]): string {
  let out = ''
  for (const c of label) {
    if (PLAIN[c] === 1) out += String.fromCharCode(c)
    else if (c > 0x20 && c < 0x7f) out += '\\' + String.fromCharCode(c)
    else out += '\\' + String(c).padStart(3, '0')
  }
  return out
}

/**
 * An uncompressed name in wire form (RFC 1035 §3.1) at `bytes[at]`, in canonical presentation
 * form, and the offset after it; null when it is not one (no end, a label over 63 octets or a
 * compression pointer, more than 255 octets).
 */
export function nameFromWire(
  bytes: readonly number[],
  at: number,
): { name: string; next: number } | null {
  let name = ''
  let i = at
  for (;;) {
    const length = bytes[i]
    if (length === undefined || length > 63) return null
    if (length === 0) break
    if (i + 1 + length > bytes.length) return null
    name += labelToText(bytes.slice(i + 1, i + 1 + length)) + '.'
    i += 1 + length
  }
  if (i + 1 - at > 255) return null
  return { name: name === '' ? '.' : name, next: i + 1 }
}

/** Lower-case a canonical name: only A-Z, as DNS compares names (RFC 4343). */
export function lowerName(name: string): string {
  return name.toLowerCase()
}

/** Whether canonical lower-case `name` is `zone` or below it (both absolute). */
export function isInZone(name: string, zone: string): boolean {
  if (zone === '.') return true
  if (name.length === zone.length) return name === zone
  if (name.length < zone.length + 1 || !name.endsWith(zone)) return false
  const dot = name.length - zone.length - 1
  if (name.charCodeAt(dot) !== DOT) return false
  // The dot must separate labels, not be an escaped `\.` inside one.
  let backslashes = 0
  for (let i = dot - 1; i >= 0 && name.charCodeAt(i) === BACKSLASH; i--) backslashes++
  return backslashes % 2 === 0
}

/** `example.com.` → `example.com`; the root stays `.`. */
export function withoutTrailingDot(name: string): string {
  if (name.length < 2 || !name.endsWith('.')) return name
  let backslashes = 0
  for (let i = name.length - 2; i >= 0 && name.charCodeAt(i) === BACKSLASH; i--) backslashes++
  return backslashes % 2 === 0 ? name.slice(0, -1) : name
}

export function isNameError(result: string | NameError): result is NameError {
  return typeof result !== 'string'
}
