/**
 * All source formats behind one call: discover the files under the targets, hand each to its
 * reader, and merge the records. Nothing after this knows which format a record came from.
 */
import path from 'node:path'
import picomatch from 'picomatch'
import { SourceFile } from '../model/source.js'
import { discover, type Candidate, type Skipped } from './discover.js'
export { NO_ZONE_FILES } from './discover.js'
import { isBindZoneFileName, loadBindFiles } from './bind/index.js'
import { detectYamlKind, loadOctodns, looksLikeOctodnsZonePath } from './octodns/index.js'
import type { YamlKind } from './octodns/index.js'
import { isNativeZonePath, loadNative } from './native/index.js'
import { readHead } from './read-file.js'
import { readFailure, readInRoot } from './yaml/files.js'
import { ParsedDocuments, parseYaml } from './yaml/parse.js'
import type { SourceContext, SourceDiagnostic, SourceResult } from './types.js'
import { appendAll, concatInto, emptySourceResult } from './types.js'

/** YAML larger than this is not a zone anyone edits by hand; the reader reports it if named. */
const YAML_SNIFF_BYTES = 64 * 1024

export class TargetError extends Error {}

export async function loadSources(
  targets: string[],
  context: SourceContext,
  options: { ignore: string[]; byContent?: boolean },
): Promise<SourceResult> {
  const isIgnored = options.ignore.length ? picomatch(options.ignore, { dot: true }) : undefined
  const found = discover(targets, context.root, {
    isIgnored,
    isZoneName: isBindZoneFileName,
    byContent: options.byContent ?? false,
  })
  const realPaths = new Map<string, string>()
  for (const c of found.candidates)
    if (c.realPath !== undefined) realPaths.set(c.absPath, c.realPath)
  const ctx: SourceContext = { ...context, realPaths, parsed: new ParsedDocuments() }
  const missing = found.skipped.filter(
    (s) => targets.includes(s.absPath) && /no such file|outside/.test(s.reason),
  )
  if (missing.length > 0) {
    const first = missing[0] as Skipped
    throw new TargetError(`${display(first.absPath, ctx)}: ${first.reason}`)
  }

  const zones = found.candidates.filter((c) => c.kind === 'zone').map((c) => c.absPath)
  const octodns: string[] = []
  // Kinds told from a whole file, so that the octoDNS reader need not parse it again to tell.
  const octodnsKinds = new Map<string, YamlKind>()
  const native: string[] = []
  const unreadable: SourceDiagnostic[] = []
  const unclassified: Candidate[] = []
  for (const candidate of found.candidates) {
    if (candidate.kind !== 'yaml') continue
    const head = sniff(candidate.absPath, ctx)
    if (!('text' in head)) {
      unreadable.push(head)
      continue
    }
    // A whole file is parsed as its reader will parse it, and the document kept for it.
    const kind = detectYamlKind(candidate.absPath, head.text, head.whole ? ctx.parsed : undefined)
    if (kind === 'native') native.push(candidate.absPath)
    else if (kind === 'octodns-config' || kind === 'octodns-zone') {
      octodns.push(candidate.absPath)
      if (head.whole) octodnsKinds.set(path.resolve(candidate.absPath), kind)
    } else if (candidate.explicit || looksLikeZone(candidate.absPath)) unclassified.push(candidate)
  }
  const other = readUnclassified(unclassified, ctx)

  const parts = await Promise.all([
    zones.length ? loadBindFiles(zones, ctx) : emptySourceResult(),
    octodns.length ? loadOctodns(octodns, ctx, octodnsKinds) : emptySourceResult(),
    native.length ? loadNative(native, ctx) : emptySourceResult(),
  ])
  const result = emptySourceResult()
  for (const part of [...parts, other]) {
    result.records = concatInto(result.records, part.records)
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

/**
 * The files under the targets that `--by-content` would read as zones: named when a run read
 * no zone at all, so that the way out is in the message.
 */
export function filesLikeZones(
  targets: string[],
  context: Pick<SourceContext, 'root' | 'cwd'>,
  ignore: string[],
): string[] {
  const isIgnored = ignore.length ? picomatch(ignore, { dot: true }) : undefined
  const found = discover(targets, context.root, {
    isIgnored,
    isZoneName: () => false,
    byContent: true,
  })
  return found.candidates
    .filter((c) => c.kind === 'zone' && !c.explicit)
    .map((c) => display(c.absPath, context))
}

function looksLikeZone(absPath: string): boolean {
  return looksLikeOctodnsZonePath(absPath) || isNativeZonePath(absPath)
}

/**
 * YAML files that are neither octoDNS nor native zones but were named on the command line or
 * are named like zones: a syntax error there would otherwise hide the file's records silently.
 */
function readUnclassified(candidates: Candidate[], ctx: SourceContext): SourceResult {
  const result = emptySourceResult()
  for (const candidate of candidates) {
    const read = readInRoot(candidate.absPath, ctx)
    if (!read.ok) {
      result.diagnostics.push(readFailure(candidate.absPath, read, ctx))
      continue
    }
    const parsed = parseYaml(read.file, { maxDepth: ctx.limits?.maxYamlDepth, parsed: ctx.parsed })
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

/** The start of a file (`whole`: all of it), or why it cannot be read. */
function sniff(
  absPath: string,
  ctx: SourceContext,
): { text: string; whole: boolean } | SourceDiagnostic {
  const shown = display(absPath, ctx)
  const head = readHead(absPath, YAML_SNIFF_BYTES)
  if (head instanceof Buffer)
    return { text: head.toString('utf8'), whole: head.length < YAML_SNIFF_BYTES }
  const file = new SourceFile(shown, absPath, '')
  const location = { file, start: 0, end: 0 }
  if (head === 'not-regular') {
    const message = `"${shown}" is not a regular file (FIFO, device or socket); it was not read`
    return { code: 'SPF403', message, location }
  }
  const code = (head as NodeJS.ErrnoException).code
  return { code: 'SPF401', message: `cannot read "${shown}" (${code})`, location }
}

function display(absPath: string, ctx: Pick<SourceContext, 'cwd'>): string {
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
