/**
 * TTLs as BIND reads them (`bind_ttl` in lib/dns/ttl.c): a bare 32-bit number, or numbers each
 * followed by a unit `w d h m s` (any case, combinable: `1h30m`); a trailing bare number after a
 * unit (`1h2`) is not a TTL. Returns -1 when the text is not a TTL.
 */
const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 }

const MAX_UINT32 = 0xffffffff
/** RFC 2181 §8: TTLs above 2^31-1 are treated as 0 (BIND warns and sets 0). */
export const MAX_TTL = 0x7fffffff

export function parseTtl(text: string, start: number, end: number): number {
  if (start >= end || end - start > 64) return -1
  let total = 0
  let units = 0
  let i = start
  while (i < end) {
    let digits = 0
    let n = 0
    while (i < end) {
      const d = text.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      n = n * 10 + d
      digits++
      i++
    }
    if (digits === 0 || n > MAX_UINT32) return -1
    if (i === end) return units === 0 ? n : -1
    const unit = UNIT_SECONDS[text[i]!.toLowerCase()]
    if (unit === undefined) return -1
    total += n * unit
    units++
    i++
  }
  return total > MAX_UINT32 ? -1 : total
}

/** Apply RFC 2181 §8 as BIND does: out-of-range TTLs load as 0. */
export function limitTtl(ttl: number): number {
  return ttl > MAX_TTL ? 0 : ttl
}
