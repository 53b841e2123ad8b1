/**
 * A and AAAA RDATA in the form BIND reads (`inet_pton`: strict dotted quad, no leading zeros)
 * and prints (`inet_ntop`: RFC 5952-style compression, IPv4-mapped and -compatible tails).
 */

/** Canonical dotted quad, or null when BIND would say "bad dotted quad". */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  const bytes: number[] = []
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null
    const value = Number(part)
    if (value > 255) return null
    bytes.push(value)
  }
  return bytes
}

/** The eight 16-bit groups of an IPv6 address, or null when `inet_pton` would refuse it. */
export function parseIPv6(text: string): number[] | null {
  const halves = text.split('::')
  if (halves.length > 2) return null
  const head = halves[0] === '' ? [] : (halves[0] as string).split(':')
  const tail = halves.length === 2 && halves[1] !== '' ? (halves[1] as string).split(':') : []
  const groups = (parts: string[], last: boolean): number[] | null => {
    const out: number[] = []
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string
      if (last && i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIPv4(part)
        if (!v4) return null
        out.push(((v4[0] as number) << 8) | (v4[1] as number))
        out.push(((v4[2] as number) << 8) | (v4[3] as number))
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null
        out.push(parseInt(part, 16))
      }
    }
    return out
  }
  const first = groups(head, halves.length === 1)
  const second = groups(tail, true)
  if (!first || !second) return null
  if (halves.length === 1) return first.length === 8 ? first : null
  const missing = 8 - first.length - second.length
  if (missing < 1) return null
  return [...first, ...new Array<number>(missing).fill(0), ...second]
}

/** Print eight groups as BIND's `inet_ntop` does. */
export function formatIPv6(words: number[]): string {
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
