import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ZoneRecord } from '../../src/model/record.js'
import { textLocation } from '../../src/model/record.js'
import type { Location } from '../../src/model/source.js'
import type { SourceContext } from '../../src/sources/types.js'

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures')

export function context(root: string): SourceContext {
  return { root, cwd: root }
}

/** Line and column of `term` inside a TXT record's text, through the offset map. */
export function termPosition(record: ZoneRecord, term: string): { line: number; column: number } {
  const index = record.txt?.text.indexOf(term) ?? -1
  if (index < 0) throw new Error(`"${term}" not in ${record.txt?.text}`)
  const location = textLocation(record, index, index + term.length)
  return location.file.position(location.start)
}

export function where(location: Location): string {
  const p = location.file.position(location.start)
  return `${location.file.path}:${p.line}:${p.column}`
}

/** The source text a location covers. */
export function covered(location: Location): string {
  return location.file.text.slice(location.start, location.end)
}
