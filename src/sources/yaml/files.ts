/**
 * Reading files for the YAML readers without ever leaving the linted root: every path is
 * resolved through symbolic links before it is opened.
 */
import { readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import { SourceFile } from '../../model/source.js'
import type { SourceContext, SourceDiagnostic } from '../types.js'

/** The path users see: relative to the working directory, `/`-separated. */
export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath)
  return (rel === '' ? path.basename(absPath) : rel).split(path.sep).join('/')
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

const realRoots = new Map<string, Promise<string>>()

function realRoot(root: string): Promise<string> {
  let hit = realRoots.get(root)
  if (!hit) {
    hit = realpath(root).catch(() => path.resolve(root))
    realRoots.set(root, hit)
  }
  return hit
}

export type ReadResult =
  | { ok: true; file: SourceFile }
  | { ok: false; reason: 'outside-root' | 'missing' | 'unreadable'; message: string }

/** Read a text file if it (after following links) lies inside `ctx.root`. */
export async function readInRoot(absPath: string, ctx: SourceContext): Promise<ReadResult> {
  const shown = displayPath(absPath, ctx.cwd)
  let real: string
  try {
    real = await realpath(absPath)
  } catch {
    return { ok: false, reason: 'missing', message: `file "${shown}" does not exist` }
  }
  const root = await realRoot(ctx.root)
  if (!isInside(real, root)) {
    return {
      ok: false,
      reason: 'outside-root',
      message: `"${shown}" resolves outside the linted root; it was not read`,
    }
  }
  try {
    const text = await readFile(real, 'utf8')
    return { ok: true, file: new SourceFile(shown, absPath, text) }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: 'unreadable', message: `cannot read "${shown}": ${why}` }
  }
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
  const code = failure.reason === 'unreadable' ? 'SPF401' : 'SPF403'
  return { code, message: failure.message, location }
}
