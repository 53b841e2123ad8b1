/**
 * GitHub Actions workflow commands (`::error file=...::message`), written by hand so the CLI's
 * `--format github` needs no toolkit. The escaping is the runner's own table: data escapes `%`,
 * CR and LF; property values also `:` and `,`. Zone files are untrusted (a fork's pull request),
 * so nothing from them may end a command line early or begin a line of its own.
 */
import { randomUUID } from 'node:crypto'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** What the runner turns into an annotation. Lines and columns are 1-based, columns inclusive. */
export interface Annotation {
  level: AnnotationLevel
  message: string
  title?: string
  file?: string
  line?: number
  endLine?: number
  column?: number
  endColumn?: number
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** The runner's own property names, in the order `@actions/core` writes them. */
const PROPERTY_NAMES = [
  ['title', 'title'],
  ['file', 'file'],
  ['line', 'line'],
  ['endLine', 'endLine'],
  ['column', 'col'],
  ['endColumn', 'endColumn'],
] as const

export function formatAnnotation(annotation: Annotation): string {
  const properties: string[] = []
  for (const [key, name] of PROPERTY_NAMES) {
    const value = annotation[key]
    if (value === undefined || value === '') continue
    properties.push(`${name}=${escapeProperty(String(value))}`)
  }
  const head = properties.length ? `${annotation.level} ${properties.join(',')}` : annotation.level
  return `::${head}::${escapeData(annotation.message)}`
}

/**
 * Untrusted text for the log, made inert: the runner stops reading commands until it sees the
 * random token again, so no line of it (`::error::`, `::add-mask::`, legacy `##[...]`) is obeyed.
 */
export function inertBlock(text: string, token: string = randomUUID()): string {
  const body = text.endsWith('\n') ? text : `${text}\n`
  // A line equal to the resume marker would end the block early; the token is unguessable, but
  // a caller-chosen one must still not appear in the text.
  if (body.includes(`::${token}::`)) return inertBlock(text)
  return `::stop-commands::${token}\n${body}::${token}::\n`
}
