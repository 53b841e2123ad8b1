/**
 * Sources turn files into records with positions. Each format (BIND master files, octoDNS
 * YAML, native YAML) is one reader; everything after them sees only `ZoneRecord`s.
 */
import type { ZoneRecord } from '../model/record.js'
import type { Location, SourceFile } from '../model/source.js'
import type { Limits } from '../limits.js'
import type { ParsedDocuments } from './yaml/parse.js'

/** A problem in the files themselves, reported under one of the SPF4xx codes. */
export interface SourceDiagnostic {
  code: 'SPF401' | 'SPF402' | 'SPF403' | 'SPF404'
  message: string
  location: Location
}

/** A suppression comment found while reading a file (`spf-lint-disable-next-line ...`). */
export interface Suppression {
  /** Codes or names it applies to; empty means every rule. */
  rules: string[]
  /** The line it silences (1-based), or `file` for the whole file. */
  scope: { line: number } | 'file'
  reason?: string
  location: Location
}

export interface SourceResult {
  records: ZoneRecord[]
  diagnostics: SourceDiagnostic[]
  /** Every file read, for snippets and suppressions. */
  files: SourceFile[]
  suppressions: Suppression[]
}

/** Everything a reader needs to know about the run. */
export interface SourceContext {
  /** Absolute path of the linted root: nothing outside it is ever opened. */
  root: string
  /** Directory user-facing paths are made relative to (the working directory). */
  cwd: string
  /** Bounds on what a reader reads (src/limits.ts); the defaults when absent. */
  limits?: Limits
  /**
   * Real paths (inside the root) that discovery already resolved, by absolute path: readers
   * open these without resolving every link again.
   */
  realPaths?: ReadonlyMap<string, string>
  /** YAML documents parsed while the files were told apart, for the readers to take. */
  parsed?: ParsedDocuments
}

export function emptySourceResult(): SourceResult {
  return { records: [], diagnostics: [], files: [], suppressions: [] }
}

/**
 * `target` with `items` appended, or `items` itself when `target` is empty: a zone of a million
 * records is handed on, not copied. Only for arrays whose previous owner lets go of them.
 */
export function concatInto<T>(target: T[], items: T[]): T[] {
  if (target.length === 0) return items
  appendAll(target, items)
  return target
}

/** `target.push(...items)` without the spread: a million arguments overflow the call stack. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T)
}
