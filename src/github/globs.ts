/**
 * The `paths` input: one path or glob per line, `!` to exclude. A plain path is passed on as
 * written (a directory is searched for zone files by name); a glob selects the files it matches,
 * which are then read whatever their names.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'

const SKIP_DIRS = new Set(['.git', 'node_modules'])

export interface ExpandedPaths {
  paths: string[]
  /** Globs that matched no file. */
  unmatched: string[]
}

export async function expandPaths(lines: readonly string[], cwd: string): Promise<ExpandedPaths> {
  const include = lines.filter((l) => !l.startsWith('!')).map(normalize)
  const exclude = lines.filter((l) => l.startsWith('!')).map((l) => normalize(l.slice(1)))
  const excluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false
  const paths = new Set<string>()
  const unmatched: string[] = []
  for (const pattern of include) {
    if (!picomatch.scan(pattern).isGlob) {
      if (!excluded(pattern)) paths.add(pattern)
      continue
    }
    const isMatch = picomatch(pattern, { dot: true })
    const matches = (await walk(cwd, picomatch.scan(pattern).base)).filter((f) => isMatch(f))
    if (matches.length === 0) unmatched.push(pattern)
    for (const file of matches) if (!excluded(file)) paths.add(file)
  }
  return { paths: [...paths].sort(), unmatched }
}

function normalize(pattern: string): string {
  return pattern.replace(/\\/g, '/').replace(/^\.\//, '')
}

/** Files under `base` (relative to `cwd`), as `/`-separated paths relative to `cwd`. */
async function walk(cwd: string, base: string): Promise<string[]> {
  const out: string[] = []
  const visit = async (rel: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(path.join(cwd, rel), { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await visit(child)
      } else if (entry.isFile()) out.push(child)
    }
  }
  await visit(base === '.' ? '' : base)
  return out
}
