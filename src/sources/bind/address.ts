/**
 * A and AAAA RDATA in the form BIND reads (`inet_pton`: strict dotted quad, no leading zeros)
 * and prints (`inet_ntop`: RFC 5952-style compression, IPv4-mapped and -compatible tails).
 */

const DOT = 46

/**
 * Whether `text[start, end)` is a dotted quad BIND accepts: four decimal parts of 0-255, no
 * leading zeros. Such text is already canonical, so it is checked without being taken apart.
 */
export function isDottedQuad(text: string, start: number, end: number): boolean {
  let parts = 0
  let value = 0
  let digits = 0
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : DOT
    if (c === DOT) {
      if (digits === 0 || ++parts > 4) return false
      value = digits = 0
      continue
    }
    const d = c - 48
    if (d < 0 || d > 9 || (digits === 1 && value === 0)) return false
    value = value * 10 + d
    if (++digits > 3 || value > 255) return false
  }
  return parts === 4
}

/** The four bytes of a dotted quad, or null when BIND would say "bad dotted quad". */
export function parseIPv4(text: string): number[] | null {
  return isDottedQuad(text, 0, text.length) ? text.split('.').map(Number) : null
}

/** The eight 16-bit groups of an IPv6 address, or null when `inet_pton` would refuse it. */
export function parseIPv6(text: string): number[] | null {
  const groups = new Array<number>(8)
  return readIPv6(text, 0, text.length, groups) ? groups : null
}

/**
 * Read `text[start, end)` as `inet_pton` does into eight 16-bit groups: hex groups of one to
 * four digits, at most one `::` standing for at least one zero group, and an optional dotted
 * quad for the last 32 bits. False when it is not an IPv6 address.
 */
export function readIPv6(
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
      if (count > 6 || !isDottedQuad(text, i, end)) return false
      let quad = 0
      for (let k = i, part = 0; k <= end; k++) {
        const c = k < end ? text.charCodeAt(k) : DOT
        if (c !== DOT) part = part * 10 + (c - 48)
        else {
          quad = quad * 256 + part
          part = 0
        }
      }
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

const COLON = 58

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  const lower = c | 32
  return lower >= 97 && lower <= 102 ? lower - 87 : -1
}

/** Print eight groups as BIND's `inet_ntop` does. */
export function formatIPv6(words: ArrayLike<number>): string {
  let bestBase = -1
  let bestLength = 0
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > bestLength) {
      bestBase = i
      bestLength = j - i
    }
    i = j
  }
  if (bestLength < 2) bestBase = -1
  let out = ''
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLength) {
      if (i === bestBase) out += ':'
      continue
    }
    if (i !== 0) out += ':'
    const ipv4Tail =
      i === 6 && bestBase === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff))
    if (ipv4Tail) {
      const w6 = words[6] as number
      const w7 = words[7] as number
      out += `${w6 >> 8}.${w6 & 0xff}.${w7 >> 8}.${w7 & 0xff}`
      break
    }
    out += (words[i] as number).toString(16)
  }
  if (bestBase !== -1 && bestBase + bestLength === 8) out += ':'
  return out
}
