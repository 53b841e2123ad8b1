/**
 * All source formats behind one call: discover the files under the targets, hand each to its
 * reader, and merge the records. Nothing after this knows which format a record came from.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import { SourceFile } from '../model/source.js'
import { discover, type Candidate, type Skipped } from './discover.js'
import { isBindZoneFileName, loadBindFiles } from './bind/index.js'
import { detectYamlKind, loadOctodns, looksLikeOctodnsZonePath } from './octodns/index.js'
import { isNativeZonePath, loadNative } from './native/index.js'
import { readFailure, readInRoot } from './yaml/files.js'
import { parseYaml } from './yaml/parse.js'
import type { SourceContext, SourceDiagnostic, SourceResult } from './types.js'
import { appendAll, emptySourceResult } from './types.js'

/** YAML larger than this is not a zone anyone edits by hand; the reader reports it if named. */
const YAML_SNIFF_BYTES = 64 * 1024

export class TargetError extends Error {}

export async function loadSources(
  targets: string[],
  ctx: SourceContext,
  options: { ignore: string[]; byContent?: boolean },
): Promise<SourceResult> {
  const found = await discover(targets, ctx.root, {
    ignore: options.ignore,
    isZoneName: isBindZoneFileName,
    byContent: options.byContent ?? false,
  })
  const missing = found.skipped.filter(
    (s) => targets.includes(s.absPath) && /no such file|outside/.test(s.reason),
  )
  if (missing.length > 0) {
    const first = missing[0] as Skipped
    throw new TargetError(`${display(first.absPath, ctx)}: ${first.reason}`)
  }

  const zones = found.candidates.filter((c) => c.kind === 'zone').map((c) => c.absPath)
  const octodns: string[] = []
  const native: string[] = []
  const unreadable: SourceDiagnostic[] = []
  const unclassified: Candidate[] = []
  for (const candidate of found.candidates) {
    if (candidate.kind !== 'yaml') continue
    const head = await sniff(candidate.absPath, ctx)
    if (typeof head !== 'string') {
      unreadable.push(head)
      continue
    }
    const kind = detectYamlKind(candidate.absPath, head)
    if (kind === 'native') native.push(candidate.absPath)
    else if (kind === 'octodns-config' || kind === 'octodns-zone') octodns.push(candidate.absPath)
    else if (candidate.explicit || looksLikeZone(candidate.absPath)) unclassified.push(candidate)
  }
  const other = await readUnclassified(unclassified, ctx)

  const parts = await Promise.all([
    zones.length ? loadBindFiles(zones, ctx) : emptySourceResult(),
    octodns.length ? loadOctodns(octodns, ctx) : emptySourceResult(),
    native.length ? loadNative(native, ctx) : emptySourceResult(),
  ])
  const result = emptySourceResult()
  for (const part of [...parts, other]) {
    appendAll(result.records, part.records)
    appendAll(result.diagnostics, part.diagnostics)
    appendAll(result.files, part.files)
    appendAll(result.suppressions, part.suppressions)
  }
  appendAll(result.diagnostics, unreadable)
  for (const skipped of found.skipped) {
    if (/symbolic link|cannot be read|not a regular file/.test(skipped.reason))
      result.diagnostics.push(linkDiagnostic(skipped, ctx))
  }
  return result
}

/** The start of a file, or why it cannot be read (never blocks on a FIFO swapped in). */
function looksLikeZone(absPath: string): boolean {
  return looksLikeOctodnsZonePath(absPath) || isNativeZonePath(absPath)
}

/**
 * YAML files that are neither octoDNS nor native zones but were named on the command line or
 * are named like zones: a syntax error there would otherwise hide the file's records silently.
 */
async function readUnclassified(
  candidates: Candidate[],
  ctx: SourceContext,
): Promise<SourceResult> {
  const result = emptySourceResult()
  for (const candidate of candidates) {
    const read = await readInRoot(candidate.absPath, ctx)
    if (!read.ok) {
      result.diagnostics.push(readFailure(candidate.absPath, read, ctx))
      continue
    }
    const parsed = parseYaml(read.file, { maxDepth: ctx.limits?.maxYamlDepth })
    const errors = parsed.broken ? parsed.diagnostics : []
    if (errors.length === 0 && !candidate.explicit) continue
    result.files.push(read.file)
    appendAll(result.diagnostics, read.diagnostics)
    appendAll(result.diagnostics, errors)
    if (errors.length === 0) {
      result.diagnostics.push({
        code: 'SPF401',
        message: `"${read.file.path}" is neither an octoDNS nor a native zone file; it was not read`,
        location: { file: read.file, start: 0, end: 0 },
      })
    }
  }
  return result
}

async function sniff(absPath: string, ctx: SourceContext): Promise<string | SourceDiagnostic> {
  const shown = display(absPath, ctx)
  const fail = (code: 'SPF401' | 'SPF403', message: string): SourceDiagnostic => {
    const file = new SourceFile(shown, absPath, '')
    return { code, message, location: { file, start: 0, end: 0 } }
  }
  let handle
  try {
    handle = await open(absPath, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return fail('SPF401', `cannot read "${shown}" (${(error as NodeJS.ErrnoException).code})`)
  }
  try {
    if (!(await handle.stat()).isFile())
      return fail(
        'SPF403',
        `"${shown}" is not a regular file (FIFO, device or socket); it was not read`,
      )
    const buffer = Buffer.alloc(YAML_SNIFF_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, YAML_SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } catch (error) {
    return fail('SPF401', `cannot read "${shown}" (${(error as NodeJS.ErrnoException).code})`)
  } finally {
    await handle.close()
  }
}

function display(absPath: string, ctx: SourceContext): string {
  return path.relative(ctx.cwd, absPath).split(path.sep).join('/') || '.'
}

/**
 * A link that leaves the root, a folder that cannot be listed, a FIFO named on the command
 * line: reported at the path itself; nothing behind it is opened.
 */
function linkDiagnostic(skipped: Skipped, ctx: SourceContext): SourceDiagnostic {
  const file = new SourceFile(display(skipped.absPath, ctx), skipped.absPath, '')
  return {
    code: /cannot be read/.test(skipped.reason) ? 'SPF401' : 'SPF403',
    message: `${display(skipped.absPath, ctx)} is ${skipped.reason}; it was not read`,
    location: { file, start: 0, end: 0 },
  }
}
