/**
 * IP addresses in text, read where they lie in a larger text without slicing it: dotted quads
 * as RFC 7208 §5.6 and BIND's `inet_pton` both take them (no leading zeros, no short forms), and
 * IPv6 as RFC 4291 §2.2 writes it. One reader for the SPF engine and the zone reader, which
 * differ only in what they make of an address afterwards.
 */

const DOT = 46
const COLON = 58

/** Strict dotted quad (RFC 7208 §5.6 `ip4-network`); -1 when invalid. */
export function parseIp4(text: string, start = 0, end = text.length): number {
  let value = 0
  let octets = 0
  let i = start
  while (i < end) {
    const first = i
    let octet = 0
    while (i < end) {
      const c = text.charCodeAt(i)
      if (c < 48 || c > 57) break
      octet = octet * 10 + (c - 48)
      i++
    }
    const digits = i - first
    if (digits === 0 || digits > 3 || octet > 255) return -1
    if (digits > 1 && text.charCodeAt(first) === 48) return -1
    value = value * 256 + octet
    octets++
    if (i === end) break
    if (text.charCodeAt(i) !== 46 || octets === 4) return -1
    i++
    if (i === end) return -1
  }
  return octets === 4 ? value : -1
}

/**
 * Read `text[start, end)` as `inet_pton` does into eight 16-bit groups: hex groups of one to
 * four digits, at most one `::` standing for at least one zero group, and an optional dotted
 * quad for the last 32 bits. False when it is not an IPv6 address.
 */
export function readIp6(
  text: string,
  start: number,
  end: number,
  groups: number[] | Uint16Array,
): boolean {
  let count = 0
  /** Where `::` stands, as a group index, or -1. */
  let gap = -1
  let i = start
  if (i < end && text.charCodeAt(i) === COLON) {
    if (i + 1 >= end || text.charCodeAt(i + 1) !== COLON) return false
    gap = 0
    i += 2
  }
  while (i < end) {
    let value = 0
    let j = i
    for (; j < end; j++) {
      const digit = hexValue(text.charCodeAt(j))
      if (digit < 0) break
      if (j - i === 4) return false
      value = value * 16 + digit
    }
    if (j < end && text.charCodeAt(j) === DOT) {
      // A dotted quad ends the address and fills its last two groups.
      const quad = count > 6 ? -1 : parseIp4(text, i, end)
      if (quad < 0) return false
      groups[count++] = Math.floor(quad / 65536)
      groups[count++] = quad % 65536
      break
    }
    if (j === i || count === 8) return false
    groups[count++] = value
    if (j === end) break
    if (text.charCodeAt(j) !== COLON || j + 1 === end) return false
    i = j + 1
    if (text.charCodeAt(i) === COLON) {
      if (gap !== -1) return false
      gap = count
      i++
    }
  }
  if (gap === -1) return count === 8
  const missing = 8 - count
  if (missing < 1) return false
  for (let k = count - 1; k >= gap; k--) groups[k + missing] = groups[k] as number
  for (let k = gap; k < gap + missing; k++) groups[k] = 0
  return true
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  const lower = c | 32
  return lower >= 97 && lower <= 102 ? lower - 87 : -1
}

/**
 * What is wrong with an A record's (IPv4, RFC 1035 §3.4.1) or AAAA record's (RFC 3596) value,
 * or undefined when it is an address: the readers of YAML zones say it the same way.
 */
export function addressProblem(type: 'A' | 'AAAA', text: string): string | undefined {
  const ok = type === 'A' ? parseIp4(text) >= 0 : readIp6(text, 0, text.length, new Uint16Array(8))
  return ok
    ? undefined
    : `${type} value "${text}" is not an ${type === 'A' ? 'IPv4' : 'IPv6'} address`
}
