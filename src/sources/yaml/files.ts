/**
 * Reading files for the YAML readers without ever leaving the linted root: every path is
 * resolved through symbolic links before it is opened.
 */
import path from 'node:path'
import { SourceFile } from '../../model/source.js'
import type { SourceContext, SourceDiagnostic } from '../types.js'
import { defaultLimits } from '../../limits.js'
import { errorCode, readFileBytes, realPath } from '../read-file.js'
import type { FileBytes } from '../read-file.js'

/** The path users see: relative to the working directory, `/`-separated. */
export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath)
  return (rel === '' ? path.basename(absPath) : rel).split(path.sep).join('/')
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

const realRoots = new Map<string, string>()

function realRoot(root: string): string {
  let hit = realRoots.get(root)
  if (hit === undefined) {
    try {
      hit = realPath(root)
    } catch {
      hit = path.resolve(root)
    }
    realRoots.set(root, hit)
  }
  return hit
}

export type ReadResult =
  | {
      ok: true
      file: SourceFile
      /** Problems with the bytes themselves (invalid UTF-8), located in the file. */
      diagnostics: SourceDiagnostic[]
    }
  | {
      ok: false
      reason: 'outside-root' | 'missing' | 'unreadable' | 'not-regular' | 'too-large'
      message: string
    }

/** Read a text file if it (after following links) lies inside `ctx.root`. */
export function readInRoot(absPath: string, ctx: SourceContext): ReadResult {
  const shown = displayPath(absPath, ctx.cwd)
  let real = ctx.realPaths?.get(absPath)
  if (real === undefined) {
    try {
      real = realPath(absPath)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { ok: false, reason: 'missing', message: `file "${shown}" does not exist` }
      const message = `cannot read "${shown}" (${errorCode(error)})`
      return { ok: false, reason: 'unreadable', message }
    }
  }
  const root = realRoot(ctx.root)
  if (!isInside(real, root)) {
    return {
      ok: false,
      reason: 'outside-root',
      message: `"${shown}" resolves outside the linted root; it was not read`,
    }
  }
  const maxBytes = (ctx.limits ?? defaultLimits).maxFileBytes
  const read = readFileBytes(real, maxBytes)
  if (!read.ok) return readProblem(read, shown, maxBytes)
  const file = new SourceFile(shown, absPath, read.bytes.toString('utf8'))
  const bad = invalidUtf8Offset(read.bytes)
  const diagnostics: SourceDiagnostic[] =
    bad < 0
      ? []
      : [
          {
            code: 'SPF401',
            message: `"${shown}" is not valid UTF-8; PyYAML (and so octoDNS) refuses the file`,
            location: { file, start: bad, end: bad + 1 },
          },
        ]
  return { ok: true, file, diagnostics }
}

/** A failed read in the YAML readers' words. */
function readProblem(
  read: Exclude<FileBytes, { ok: true }>,
  shown: string,
  maxBytes: number,
): Extract<ReadResult, { ok: false }> {
  switch (read.problem) {
    case 'directory':
    case 'not-regular': {
      const message = `"${shown}" is not a regular file (FIFO, device or socket); it was not read`
      return { ok: false, reason: 'not-regular', message }
    }
    case 'too-large': {
      const message = `"${shown}" is too large (${read.size} bytes; at most ${maxBytes}, set by limits.maxFileBytes); it was not read`
      return { ok: false, reason: 'too-large', message }
    }
    case 'grew':
      return { ok: false, reason: 'unreadable', message: `"${shown}" changed while it was read` }
    case 'unopenable':
      return { ok: false, reason: 'unreadable', message: `cannot read "${shown}" (${read.code})` }
    case 'unreadable': {
      const message = `cannot read "${shown}" (${errorCode(read.error)})`
      return { ok: false, reason: 'unreadable', message }
    }
  }
}

/**
 * Where the first byte that is not UTF-8 is, as a character offset into the decoded text, or
 * -1. PyYAML (and so octoDNS) refuses such a file; the decoded text holds U+FFFD there.
 */
export function invalidUtf8Offset(bytes: Buffer): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] as number
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1
    let ok = need >= 0 && i + need < bytes.length
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80
    if (ok && need >= 2) {
      const c1 = bytes[i + 1] as number
      // Overlong forms, surrogates and code points past U+10FFFF.
      if (b === 0xe0 && c1 < 0xa0) ok = false
      if (b === 0xed && c1 > 0x9f) ok = false
      if (b === 0xf0 && c1 < 0x90) ok = false
      if (b === 0xf4 && c1 > 0x8f) ok = false
    }
    if (!ok) return bytes.subarray(0, i).toString('utf8').length
    i += need + 1
  }
  return -1
}

/**
 * A diagnostic for a file that could not be read. The location is the place that named it
 * (a config entry) when there is one, else the start of an empty stand-in for the file.
 */
export function readFailure(
  absPath: string,
  failure: Extract<ReadResult, { ok: false }>,
  ctx: SourceContext,
  at?: SourceDiagnostic['location'],
): SourceDiagnostic {
  const location = at ?? {
    file: new SourceFile(displayPath(absPath, ctx.cwd), absPath, ''),
    start: 0,
    end: 0,
  }
  const code =
    failure.reason === 'unreadable' || failure.reason === 'too-large' ? 'SPF401' : 'SPF403'
  return { code, message: failure.message, location }
}
