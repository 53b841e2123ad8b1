/**
 * Finds the files to read under the linted root. Directories are walked without following
 * symbolic links out of the root; FIFOs, devices and sockets are never opened; version-control
 * and dependency folders are skipped. Which files are zones is decided by name here and by
 * content in each reader.
 */
import { constants } from 'node:fs'
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'

export interface Candidate {
  absPath: string
  kind: 'zone' | 'yaml'
  /** Named on the command line (read even when the name does not look like a zone). */
  explicit: boolean
}

export interface Skipped {
  absPath: string
  reason: string
}

export interface Discovery {
  candidates: Candidate[]
  skipped: Skipped[]
}

const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  '.hg',
  '.svn',
  'dist',
  'build',
  'coverage',
  '.bench-data',
])
const YAML = /\.ya?ml$/i

export type ZoneNameTest = (basename: string) => boolean

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

export async function discover(
  targets: string[],
  root: string,
  options: { ignore: string[]; isZoneName: ZoneNameTest; byContent?: boolean },
): Promise<Discovery> {
  const realRoot = await realpath(root)
  const ignored = options.ignore.length ? picomatch(options.ignore, { dot: true }) : () => false
  const found = new Map<string, Candidate>()
  const skipped: Skipped[] = []
  const visitedDirs = new Set<string>()

  const consider = async (abs: string, explicit: boolean): Promise<void> => {
    const rel = path.relative(root, abs).split(path.sep).join('/')
    if (rel && ignored(rel)) return
    let info
    try {
      info = await lstat(abs)
    } catch {
      skipped.push({ absPath: abs, reason: 'no such file or directory' })
      return
    }
    let real = abs
    if (info.isSymbolicLink()) {
      try {
        real = await realpath(abs)
        info = await stat(real)
      } catch {
        skipped.push({ absPath: abs, reason: 'a symbolic link to nothing' })
        return
      }
      if (!isInside(realRoot, real)) {
        skipped.push({ absPath: abs, reason: 'a symbolic link that leaves the linted root' })
        return
      }
    }
    if (info.isDirectory()) {
      if (!explicit && SKIP_DIRS.has(path.basename(abs))) return
      // A symbolic link back to an ancestor would loop forever: walk each real folder once.
      const realDir = real === abs ? await realpath(abs) : real
      if (visitedDirs.has(realDir)) return
      visitedDirs.add(realDir)
      let entries: string[]
      try {
        entries = (await readdir(abs)).sort()
      } catch (error) {
        skipped.push({
          absPath: abs,
          reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        })
        return
      }
      for (const entry of entries) await consider(path.join(abs, entry), false)
      return
    }
    if (!info.isFile()) {
      if (explicit)
        skipped.push({ absPath: abs, reason: 'not a regular file (FIFO, device or socket)' })
      return
    }
    const base = path.basename(abs)
    const kind = YAML.test(base)
      ? 'yaml'
      : explicit || options.isZoneName(base) || (options.byContent && (await looksLikeZone(abs)))
        ? 'zone'
        : undefined
    if (!kind) return
    // By real path, so a file reached twice (through a link, or named twice) is read once.
    let key = real
    try {
      key = await realpath(abs)
    } catch {
      // vanished since lstat: the reader reports it
    }
    if (!found.has(key)) found.set(key, { absPath: abs, kind, explicit })
  }

  for (const target of targets) {
    if (!isInside(root, target)) {
      skipped.push({ absPath: target, reason: 'outside the linted root' })
      continue
    }
    await consider(target, true)
  }
  return { candidates: [...found.values()], skipped }
}

/** Files that are text for people or programs, never zones: not worth opening to sniff. */
const NOT_ZONE_TEXT =
  /\.(md|txt|json|js|mjs|cjs|ts|py|sh|html|css|lock|toml|ini|conf|cfg|xml|csv)$/i

/**
 * Content sniffing for zones with unusual names (`zones/example.com`, `primary/corp`): the first
 * 4 KiB hold a `$ORIGIN` or `$TTL` directive at the start of a line, or an SOA record.
 * Opened non-blocking, as every read here: a FIFO named like anything must not hang the run.
 */
async function looksLikeZone(abs: string): Promise<boolean> {
  if (NOT_ZONE_TEXT.test(abs)) return false
  let handle
  try {
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK)
    if (!(await handle.stat()).isFile()) return false
    const buffer = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead)
    if (head.includes(0)) return false
    const text = head.toString('latin1')
    return (
      /^\$(ORIGIN|TTL)[ \t]/im.test(text) ||
      /^\S*[ \t]+(\d+[ \t]+)?(IN[ \t]+)?SOA[ \t]/im.test(text)
    )
  } catch {
    return false
  } finally {
    await handle?.close()
  }
}
