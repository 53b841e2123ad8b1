/**
 * Addresses for `ip4`, `ip6`, `a`, `mx` and the client IP: prefix matching, the special-purpose
 * ranges, and the text forms macros print.
 *
 * Read by hand (`model/address.ts`, shared with the zone reader) because RFC 7208 §5.6 uses the
 * strict ABNF dotted quad (`dec-octet` forbids leading zeros and short forms such as `1.2.3`,
 * which ipaddr.js accepts), and defers to RFC 4291 §2.2 for IPv6, which allows every compressed
 * and IPv4-embedded form: the same verdicts as `node:net` and the same groups as ipaddr.js,
 * without their regexes.
 */

import { parseIp4, readIp6 } from '../model/address.js'

export { parseIp4 }

/** A client or record address: IPv4 as one unsigned 32-bit number, IPv6 as eight groups. */
export type Ip = { v: 4; n: number } | { v: 6; g: number[] }

/**
 * RFC 4291 §2.2 text form (no zone index); null when invalid: what `node:net` `isIPv6()` accepts
 * without a zone index, with the groups ipaddr.js gives (`::a.b.c.d`, the deprecated
 * IPv4-compatible form, reads as IPv4-mapped).
 */
export function parseIp6(text: string): number[] | null {
  const groups = [0, 0, 0, 0, 0, 0, 0, 0]
  if (!readIp6(text, 0, text.length, groups)) return null
  if (text.startsWith('::') && text.indexOf(':', 2) === -1 && text.includes('.')) groups[5] = 0xffff
  return groups
}

/** The client IP of check_host(); an IPv4-mapped IPv6 address is IPv4 (§5, §5.6). */
export function parseClientIp(text: string): Ip | null {
  const v4 = parseIp4(text)
  if (v4 >= 0) return { v: 4, n: v4 }
  const g = parseIp6(text)
  if (!g) return null
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return { v: 4, n: ((g[6] as number) * 65536 + (g[7] as number)) >>> 0 }
  }
  return { v: 6, g }
}

/** Whether `a` and `b` share the first `prefix` bits. */
export function sameNet4(a: number, b: number, prefix: number): boolean {
  if (prefix <= 0) return true
  if (prefix >= 32) return a === b
  // 32-bit integer operations: the bits that differ, shifted past the host part.
  return (a ^ b) >>> (32 - prefix) === 0
}

export function sameNet6(a: number[], b: number[], prefix: number): boolean {
  let bits = prefix
  for (let i = 0; i < 8 && bits > 0; i++) {
    const x = a[i] as number
    const y = b[i] as number
    if (bits >= 16) {
      if (x !== y) return false
    } else {
      const mask = (0xffff << (16 - bits)) & 0xffff
      if ((x & mask) !== (y & mask)) return false
    }
    bits -= 16
  }
  return true
}

/** Whether the address has bits set below the prefix (0 to 32) (`192.0.2.1/24`). */
export function hostBits4(n: number, prefix: number): boolean {
  // `0xffffffff >>> prefix` is the host part's mask (all 32 bits for /0).
  return prefix < 32 && (n & (0xffffffff >>> prefix)) !== 0
}

export function hostBits6(g: number[], prefix: number): boolean {
  for (let i = 0; i < 8; i++) {
    // The bits of group i that belong to the network; the rest must be zero.
    const network = prefix - 16 * i
    if (network >= 16) continue
    const hostMask = network <= 0 ? 0xffff : 0xffff >>> network
    if (((g[i] as number) & hostMask) !== 0) return true
  }
  return false
}

export function formatIp4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

/**
 * RFC 5952 text, used for the `c` macro (§7.3): lower case, no leading zeros, and the longest run
 * of two or more zero groups (the first of equal runs) compressed to `::`.
 */
export function formatIp6(g: number[]): string {
  let bestStart = -1
  let bestLen = 1
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && g[j] === 0) j++
    if (j - i > bestLen) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  const hex = (from: number, to: number): string =>
    g
      .slice(from, to)
      .map((n) => n.toString(16))
      .join(':')
  if (bestStart < 0) return hex(0, 8)
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`
}

/** Special-purpose ranges no receiver on the internet ever sees a connection from. */
export type NonPublicRange =
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'shared (carrier-grade NAT)'

/** IPv4 special-purpose ranges (RFC 6890 §2.2.2): [network, prefix, kind]. */
const NON_PUBLIC_4: [number, number, NonPublicRange][] = [
  [0x0a000000, 8, 'private'], // 10.0.0.0/8, RFC 1918
  [0xac100000, 12, 'private'], // 172.16.0.0/12, RFC 1918
  [0xc0a80000, 16, 'private'], // 192.168.0.0/16, RFC 1918
  [0x7f000000, 8, 'loopback'], // 127.0.0.0/8, RFC 1122
  [0xa9fe0000, 16, 'link-local'], // 169.254.0.0/16, RFC 3927
  [0x64400000, 10, 'shared (carrier-grade NAT)'], // 100.64.0.0/10, RFC 6598
  [0x00000000, 8, 'unspecified'], // 0.0.0.0/8, "this network", RFC 1122
]

/** The special-purpose range an address lies in, or undefined for a public one (RFC 6890). */
export function nonPublicRange(ip: Ip): NonPublicRange | undefined {
  if (ip.v === 4) {
    for (let i = 0; i < NON_PUBLIC_4.length; i++) {
      const range = NON_PUBLIC_4[i] as [number, number, NonPublicRange]
      if (sameNet4(ip.n, range[0], range[1])) return range[2]
    }
    return undefined
  }
  const g = ip.g
  const first = g[0] as number
  if (g.every((x) => x === 0)) return 'unspecified' // ::/128, RFC 4291 §2.5.2
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback' // ::1, §2.5.3
  if ((first & 0xffc0) === 0xfe80) return 'link-local' // fe80::/10, RFC 4291 §2.5.6
  if ((first & 0xfe00) === 0xfc00) return 'unique-local' // fc00::/7, RFC 4193
  // IPv4-mapped (::ffff:a.b.c.d, RFC 4291 §2.5.5.2): classify the IPv4 address inside.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return nonPublicRange({ v: 4, n: ((g[6] as number) * 65536 + (g[7] as number)) >>> 0 })
  }
  return undefined
}
