/**
 * `loadBindFiles`: read the candidate zone files under the root, each as its own zone, except
 * those another candidate `$INCLUDE`s: they are read as part of their includer, with its
 * origin, as BIND would read them.
 */
import path from 'node:path'
import { SourceFile } from '../../model/source.js'
import {
  appendAll,
  concatInto,
  emptySourceResult,
  type SourceContext,
  type SourceResult,
} from '../types.js'
import { displayPath, ZoneFileCache } from './files.js'
import { parseMasterFile } from './parser.js'
import { inferOrigin } from './zone-names.js'

// Async for the callers' sake; reads are synchronous so `$INCLUDE` resolves while parsing.
export async function loadBindFiles(absPaths: string[], ctx: SourceContext): Promise<SourceResult> {
  const result = emptySourceResult()
  const cache = new ZoneFileCache(ctx)
  const files: SourceFile[] = []
  for (const absPath of absPaths) {
    const outcome = cache.read(path.resolve(absPath))
    if (outcome !== 'missing' && 'file' in outcome) {
      if (!files.includes(outcome.file)) files.push(outcome.file)
      continue
    }
    const shown = displayPath(absPath, ctx)
    const file = new SourceFile(shown, absPath, '', 'bytes')
    const message = outcome === 'missing' ? `${shown}: no such file` : outcome.message
    const code = outcome === 'missing' ? 'SPF403' : outcome.code
    result.diagnostics.push({ code, message, location: { file, start: 0, end: 0 } })
  }
  for (const file of zoneRoots(files, cache)) {
    const origin = inferOrigin(file.path, file.text)
    if (origin === null) {
      result.files.push(file)
      result.diagnostics.push({
        code: 'SPF401',
        message: `cannot tell which zone ${file.path} holds: start it with $ORIGIN or name it db.<zone> or <zone>.zone`,
        location: { file, start: 0, end: 0 },
      })
      continue
    }
    const limits = ctx.limits
    const part = parseMasterFile(file, {
      origin,
      readInclude: cache.includeReader(),
      ...(limits
        ? {
            maxIncludeDepth: limits.maxIncludeDepth,
            maxGenerateRecords: limits.maxGenerateRecords,
            maxRecords: limits.maxRecordsPerFile,
            maxTxtStrings: limits.maxTxtStrings,
          }
        : {}),
    })
    result.records = concatInto(result.records, part.records)
    appendAll(result.diagnostics, part.diagnostics)
    for (const f of part.files) if (!result.files.includes(f)) result.files.push(f)
    appendAll(result.suppressions, part.suppressions)
  }
  return result
}

/**
 * The files to load as zones: those no other candidate includes. Files that include each
 * other in a cycle with no outside includer would all be skipped, so the first one is kept.
 */
function zoneRoots(files: SourceFile[], cache: ZoneFileCache): SourceFile[] {
  const byPath = new Map(files.map((f) => [f.absPath, f]))
  const includes = new Map<SourceFile, SourceFile[]>()
  const included = new Set<SourceFile>()
  for (const file of files) {
    const targets: SourceFile[] = []
    for (const wanted of includeDirectives(file.text)) {
      for (const candidate of cache.resolveIncludeTarget({ path: wanted, from: file })) {
        const outcome = cache.read(candidate)
        if (outcome === 'missing') continue
        const target = 'file' in outcome ? byPath.get(outcome.file.absPath) : undefined
        if (target && target !== file) {
          targets.push(target)
          included.add(target)
        }
        break
      }
    }
    includes.set(file, targets)
  }
  const roots = files.filter((f) => !included.has(f))
  const reached = new Set<SourceFile>()
  const visit = (f: SourceFile): void => {
    if (reached.has(f)) return
    reached.add(f)
    for (const t of includes.get(f) ?? []) visit(t)
  }
  roots.forEach(visit)
  for (const f of files) {
    if (!reached.has(f)) {
      roots.push(f)
      visit(f)
    }
  }
  return roots
}

/** File names of the `$INCLUDE` directives in a text (a quick scan, not a parse). */
function includeDirectives(text: string): string[] {
  const names: string[] = []
  const pattern = /^\$include[ \t]+("((?:[^"\\\n]|\\.)*)"|[^\s;]+)/gim
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const raw = m[2] ?? (m[1] as string)
    names.push(raw.replace(/\\(.)/g, '$1'))
  }
  return names
}
