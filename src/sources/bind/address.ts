/**
 * AAAA RDATA as BIND prints it (`inet_ntop`: RFC 5952-style compression, IPv4-mapped and
 * -compatible tails). Addresses are read by `model/address.ts`, as BIND's `inet_pton` reads them.
 */

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
