/**
 * Which files are zone files, and which zone a file holds when nothing else says so.
 * Conventions: `db.example.com` (BIND's own examples, Debian), `example.com.zone`,
 * `example.com.db`, `example.com.hosts`, `.fwd`/`.rev` pairs; `named.conf` and root hints
 * (`db.root`, `named.ca`) are not zones we lint.
 */

const NOT_ZONES = new Set(['db.root', 'db.cache', 'named.root', 'named.ca', 'root.hints'])
/** Code and data files that happen to start with `db.`. */
const CODE_SUFFIX =
  /\.(js|mjs|cjs|ts|py|rb|go|json|ya?ml|toml|ini|conf|cfg|sql|sqlite3?|md|txt|lock|bak|orig|swp)$/i
const DOMAINISH = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i

export function isBindZoneFileName(basename: string): boolean {
  const lower = basename.toLowerCase()
  if (NOT_ZONES.has(lower) || CODE_SUFFIX.test(lower)) return false
  if (lower.endsWith('.zone')) return lower.length > '.zone'.length
  if (lower.startsWith('db.')) return DOMAINISH.test(lower.slice(3))
  // `*.db` is also SQLite's favourite suffix: insist on a domain-looking name before it.
  const suffix = /\.(db|hosts|fwd|rev)$/.exec(lower)
  if (suffix) {
    const stem = lower.slice(0, -suffix[0].length)
    return stem.includes('.') && DOMAINISH.test(stem)
  }
  return false
}

/**
 * The origin of a zone file: its leading `$ORIGIN` (before any record), else its file name
 * (`db.example.com`, `example.com.zone`, `example.com.db`, `example.com`). Null if neither
 * gives a domain name. Returned lower-case, without the trailing dot.
 */
export function inferOrigin(filePath: string, text: string): string | null {
  const leading = leadingOrigin(text)
  if (leading !== null) return leading
  const base = filePath.split(/[\\/]/).pop() ?? ''
  let stem = base.toLowerCase()
  if (stem.startsWith('db.')) stem = stem.slice(3)
  else stem = stem.replace(/\.(zone|db|hosts|fwd|rev)$/, '')
  if (stem.endsWith('.')) stem = stem.slice(0, -1)
  return stem.includes('.') && DOMAINISH.test(stem) ? stem : null
}

function leadingOrigin(text: string): string | null {
  const scanned = text.length > 65536 ? text.slice(0, 65536) : text
  for (const raw of scanned.split('\n')) {
    const line = raw.replace(/;.*$/, '').trimEnd()
    if (line.trim() === '') continue
    // An indented line is a record with an inherited owner, never a directive.
    if (/^\s/.test(line)) return null
    const match = /^\$origin\s+(\S+)/i.exec(line)
    if (match) {
      const name = (match[1] as string).toLowerCase()
      if (!name.endsWith('.') || name === '.') return null
      return name.slice(0, -1)
    }
    if (/^\$(ttl|date)\b/i.test(line)) continue
    return null
  }
  return null
}
