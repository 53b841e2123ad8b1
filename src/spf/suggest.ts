/**
 * "Did you mean" for misspelt mechanism and modifier names: common mistakes first, then the
 * nearest valid name by edit distance (with transpositions, so `prt` finds `ptr`).
 */

/** How each valid name is written, with the character that follows it. */
const WRITTEN: Record<string, string> = {
  all: 'all',
  include: 'include:',
  a: 'a',
  mx: 'mx',
  ptr: 'ptr',
  ip4: 'ip4:',
  ip6: 'ip6:',
  exists: 'exists:',
  redirect: 'redirect=',
  exp: 'exp=',
}

const NAMES = Object.keys(WRITTEN)
const MODIFIER_NAMES = ['redirect', 'exp']

const COMMON: Record<string, string> = {
  ipv4: 'ip4:',
  ipv6: 'ip6:',
  ip: 'ip4:',
  prt: 'ptr',
  inc: 'include:',
  includes: 'include:',
  exist: 'exists:',
  redir: 'redirect=',
  spf: 'include:',
}

/**
 * The name the writer probably meant, as it should be written (`include:`), or undefined.
 * `after` is the rest of the term (`:_spf.example`, `=...`), which decides between look-alikes:
 * `redirect:` means `redirect=`, `ip:2001:db8::1` means `ip6:`.
 */
export function suggestName(written: string, after: string): string | undefined {
  const name = written.toLowerCase()
  if (name === 'redirect' || name === 'exp') return WRITTEN[name]
  if (name === 'ip' && after.startsWith(':') && after.indexOf(':', 1) > 0) return 'ip6:'
  const common = COMMON[name]
  if (common && !after.startsWith('=')) return common
  if (name === '') return undefined
  const limit = name.length <= 4 ? 1 : 2
  let best: string | undefined
  let bestDistance = limit + 1
  // After "=" the term is a modifier: only another modifier name is a plausible intent.
  const candidates = after.startsWith('=') ? MODIFIER_NAMES : NAMES
  for (const candidate of candidates) {
    const d = distance(name, candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  if (best === undefined || bestDistance >= Math.max(name.length, best.length)) return undefined
  return WRITTEN[best]
}

/** Optimal string alignment distance. */
export function distance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[] = new Array(rows * cols).fill(0)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1)
      }
      d[i * cols + j] = v
    }
  }
  return d[rows * cols - 1] as number
}
