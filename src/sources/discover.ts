/**
 * Finds the files to read under the linted root. Directories are walked without following
 * symbolic links out of the root; FIFOs, devices and sockets are never opened; version-control
 * and dependency folders are skipped. Which files are zones is decided by name here and by
 * content in each reader.
 */
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs'
import path from 'node:path'
import { readHead, realPath } from './read-file.js'

export interface Candidate {
  absPath: string
  /**
   * The path with every link resolved, inside the root (readers need not resolve it again);
   * unset when the file vanished while the folder was walked.
   */
  realPath?: string
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

/** The root with its links resolved; an error that names it when it is not there. */
function realRootOf(root: string): string {
  try {
    return realPath(root)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : code
    throw new Error(`the root "${root}" cannot be read: ${why}`, { cause: error })
  }
}

/** What a run that found no zone to read says (the CLI and the action then fail). */
export const NO_ZONE_FILES =
  'no zone files found: spf-lint reads *.zone, db.*, *.db, octoDNS and native YAML zones'

export function discover(
  targets: string[],
  root: string,
  options: {
    /** Whether a root-relative path is excluded (the configuration's `ignore` globs). */
    isIgnored?: (relPath: string) => boolean
    isZoneName: ZoneNameTest
    byContent?: boolean
  },
): Discovery {
  const realRoot = realRootOf(root)
  const ignored = options.isIgnored ?? (() => false)
  const found = new Map<string, Candidate>()
  const skipped: Skipped[] = []
  const visitedDirs = new Set<string>()

  /** The kind of entry a folder listing gave, for a plain file or folder (not a link). */
  type Listed = { dirent: Dirent; realParent: string }

  const consider = (abs: string, explicit: boolean, listed?: Listed): void => {
    const rel = path.relative(root, abs).split(path.sep).join('/')
    if (rel && ignored(rel)) return
    // A listing tells plain files and folders apart by itself, and their real path is their
    // real folder's plus their name: no system call per entry for most of a repository.
    const plain = listed && (listed.dirent.isFile() || listed.dirent.isDirectory())
    let info: Pick<Dirent, 'isSymbolicLink' | 'isDirectory' | 'isFile'>
    let real: string | undefined
    if (plain) {
      info = listed.dirent
      real = path.join(listed.realParent, listed.dirent.name)
    } else {
      try {
        info = lstatSync(abs)
      } catch {
        skipped.push({ absPath: abs, reason: 'no such file or directory' })
        return
      }
    }
    if (info.isSymbolicLink()) {
      try {
        real = realPath(abs)
        info = statSync(real)
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
      const realDir = real ?? realPath(abs)
      if (visitedDirs.has(realDir)) return
      visitedDirs.add(realDir)
      let entries: Dirent[]
      try {
        entries = readdirSync(abs, { withFileTypes: true })
      } catch (error) {
        skipped.push({
          absPath: abs,
          reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        })
        return
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      for (const dirent of entries) {
        consider(path.join(abs, dirent.name), false, { dirent, realParent: realDir })
      }
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
      : explicit || options.isZoneName(base) || (options.byContent && looksLikeZone(abs))
        ? 'zone'
        : undefined
    if (!kind) return
    // By real path, so a file reached twice (through a link, or named twice) is read once.
    if (real === undefined) {
      try {
        real = realPath(abs)
      } catch {
        // vanished since lstat: the reader reports it
        if (!found.has(abs)) found.set(abs, { absPath: abs, kind, explicit })
        return
      }
    }
    if (!found.has(real)) found.set(real, { absPath: abs, realPath: real, kind, explicit })
  }

  for (const target of targets) {
    if (!isInside(root, target)) {
      skipped.push({ absPath: target, reason: 'outside the linted root' })
      continue
    }
    consider(target, true)
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
function looksLikeZone(abs: string): boolean {
  if (NOT_ZONE_TEXT.test(abs)) return false
  const head = readHead(abs, 4096)
  if (!(head instanceof Buffer) || head.includes(0)) return false
  const text = head.toString('latin1')
  return (
    /^\$(ORIGIN|TTL)[ \t]/im.test(text) || /^\S*[ \t]+(\d+[ \t]+)?(IN[ \t]+)?SOA[ \t]/im.test(text)
  )
}
