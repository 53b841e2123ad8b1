/**
 * Reading zone files from disk without ever leaving the linted root.
 *
 * `$INCLUDE` paths: BIND resolves a relative path from named's working directory, not from the
 * including file (checked against named-checkzone 9.18). In a repository the root plays that role, so a
 * relative path is tried from the root first; because many repositories are written as if it
 * were relative to the including file, its folder is tried next. Either way the real path
 * (symbolic links resolved) must stay inside the root and be a regular file, checked with
 * `realpath` and `stat` before anything is opened.
 */
import fs from 'node:fs'
import path from 'node:path'
import { SourceFile } from '../../model/source.js'
import type { SourceContext, SourceDiagnostic } from '../types.js'
import type { IncludeReader, IncludeRequest, IncludeResult } from './parser.js'
import { readFileBytes, realPath } from '../read-file.js'
import type { FileBytes } from '../read-file.js'

/** Larger files are refused: 50 MB holds over a million records. */
export const MAX_ZONE_FILE_BYTES = 50 * 1024 * 1024

export type ReadOutcome = { file: SourceFile } | { code: 'SPF401' | 'SPF403'; message: string }

/** Shown path: relative to the working directory, `/`-separated. */
export function displayPath(absPath: string, ctx: SourceContext): string {
  return path.relative(ctx.cwd, absPath).split(path.sep).join('/') || '.'
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** Files already read, by real path, so a file included twice is read once. */
export class ZoneFileCache {
  private readonly files = new Map<string, ReadOutcome>()
  private realRoot: string | undefined

  constructor(private readonly ctx: SourceContext) {}

  private root(): string {
    if (this.realRoot === undefined) {
      try {
        this.realRoot = realPath(this.ctx.root)
      } catch {
        this.realRoot = path.resolve(this.ctx.root)
      }
    }
    return this.realRoot
  }

  /** Check and read one file (sync: `$INCLUDE` is resolved while parsing). */
  read(absPath: string): ReadOutcome | 'missing' {
    const shown = displayPath(absPath, this.ctx)
    if (!isInside(path.resolve(absPath), path.resolve(this.ctx.root))) {
      return { code: 'SPF403', message: `${shown} is outside the linted root; it was not read` }
    }
    let real = this.ctx.realPaths?.get(absPath)
    if (real === undefined) {
      try {
        fs.lstatSync(absPath)
        real = realPath(absPath)
      } catch {
        return 'missing'
      }
    }
    if (!isInside(real, this.root())) {
      return {
        code: 'SPF403',
        message: `${shown} is a symbolic link that leads outside the linted root; it was not read`,
      }
    }
    const cached = this.files.get(real)
    if (cached) return cached
    const outcome = this.readChecked(real, absPath, shown)
    this.files.set(real, outcome)
    return outcome
  }

  private readChecked(real: string, absPath: string, shown: string): ReadOutcome {
    const maxBytes = this.ctx.limits?.maxFileBytes ?? MAX_ZONE_FILE_BYTES
    // Opened first, then looked at: a path checked by name and opened later can be swapped for
    // a FIFO in between, and reading a FIFO would block the run for good (read-file.ts).
    const read = readFileBytes(real, maxBytes)
    if (!read.ok) return readProblem(read, shown, maxBytes)
    const data = read.bytes
    if (data.includes(0)) {
      return {
        code: 'SPF401',
        message: `${shown} holds NUL bytes: a binary file, not a zone file`,
      }
    }
    // latin1: one JS character per byte (see SourceFile).
    return { file: new SourceFile(shown, real, data.toString('latin1'), 'bytes') }
  }

  /** The `$INCLUDE` reader for the parser: root first, then the including file's folder. */
  includeReader(): IncludeReader {
    return (request) => this.include(request)
  }

  resolveIncludeTarget(request: Pick<IncludeRequest, 'path' | 'from'>): string[] {
    const { path: wanted, from } = request
    if (path.isAbsolute(wanted)) return [wanted]
    return [path.resolve(this.ctx.root, wanted), path.resolve(path.dirname(from.absPath), wanted)]
  }

  private include(request: IncludeRequest): IncludeResult {
    const diagnostic = (code: SourceDiagnostic['code'], message: string): IncludeResult => ({
      diagnostic: {
        code,
        message: `$INCLUDE "${request.path}": ${message}`,
        location: request.location,
      },
    })
    for (const candidate of this.resolveIncludeTarget(request)) {
      const outcome = this.read(candidate)
      if (outcome === 'missing') continue
      if ('file' in outcome) return outcome
      return diagnostic(outcome.code, outcome.message)
    }
    return diagnostic('SPF403', 'file not found (paths are relative to the linted root)')
  }
}

/** A failed read in the zone reader's words. */
function readProblem(
  read: Exclude<FileBytes, { ok: true }>,
  shown: string,
  maxBytes: number,
): ReadOutcome {
  switch (read.problem) {
    case 'directory':
      return { code: 'SPF403', message: `${shown} is a directory` }
    case 'not-regular':
      return { code: 'SPF403', message: `${shown} is not a regular file (FIFO, device or socket)` }
    case 'too-large':
      return {
        code: 'SPF401',
        message: `${shown} is too large (${read.size} bytes; at most ${maxBytes}, limits.maxFileBytes)`,
      }
    case 'grew':
      return { code: 'SPF401', message: `${shown} changed while it was read` }
    case 'unopenable':
      if (read.code === 'EISDIR') return { code: 'SPF403', message: `${shown} is a directory` }
      return { code: 'SPF403', message: `${shown} cannot be read (${read.code})` }
    case 'unreadable':
      return { code: 'SPF401', message: `${shown} cannot be read: ${read.error.message}` }
  }
}
