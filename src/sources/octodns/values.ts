/**
 * TXT and SPF values as octoDNS reads them (octodns/record/chunked.py): `;` must be escaped as
 * `\;`, a value that starts with `"` is a pre-chunked `"..." "..."` list, and every `" "` is
 * removed. Every step keeps the source offset of each character.
 */
import type { Scalar } from 'yaml'
import type { SourceFile } from '../../model/source.js'
import type { SourceDiagnostic } from '../types.js'
import type { MappedText } from '../yaml/scalar.js'
import { filterMapped } from '../yaml/txt.js'
import { pyyamlType } from '../yaml/pyyaml.js'

export interface TxtValueOptions {
  /** The YamlProvider's `escaped_semicolons` (true unless the provider turns it off). */
  escapedSemicolons: boolean
}

function at(file: SourceFile, start: number, length = 1): SourceDiagnostic['location'] {
  return { file, start, end: start + length }
}

/** SPF402: octoDNS's `\w;` rule (a word character right before `;`), and `\\;`. */
export function semicolonDiagnostics(
  text: MappedText,
  file: SourceFile,
  options: TxtValueOptions,
): SourceDiagnostic[] {
  const found: SourceDiagnostic[] = []
  const value = text.value
  if (!options.escapedSemicolons) {
    for (let i = value.indexOf('\\;'); i !== -1; i = value.indexOf('\\;', i + 2)) {
      found.push({
        code: 'SPF402',
        message: `escaped "\\;" in a TXT value, but this provider sets escaped_semicolons: false and escapes ";" itself; write a plain ";"`,
        location: at(file, text.offsets[i] as number, 2),
      })
    }
    return found
  }
  for (const match of value.matchAll(/\w;/g)) {
    const i = (match.index as number) + 1
    found.push({
      code: 'SPF402',
      message: `unescaped ";" in TXT value ${quoteShort(value, i)}: octoDNS rejects it; write "\\;"`,
      location: at(file, text.offsets[i] as number),
    })
  }
  for (const match of value.matchAll(/\\\\;/g)) {
    const i = match.index as number
    found.push({
      code: 'SPF402',
      message: `double-escaped "\\\\;" in TXT value: octoDNS rejects it; write "\\;"`,
      location: at(file, text.offsets[i] as number, 3),
    })
  }
  return found
}

function quoteShort(value: string, around: number): string {
  if (value.length <= 60) return `"${value}"`
  const from = Math.max(0, around - 30)
  return `"${from > 0 ? '...' : ''}${value.slice(from, from + 60)}..."`
}

/** What octoDNS publishes for a value: outer quotes dropped, `" "` removed, `\;` unescaped. */
export function octodnsText(text: MappedText, options: TxtValueOptions): MappedText {
  let current = text
  if (current.value.startsWith('"')) {
    const last = current.value.length - 1
    const end = last > 0 ? (current.offsets[last] as number) : current.end
    current = { ...filterMapped(current, (i) => i > 0 && i < last), end }
  }
  const dropped = new Set<number>()
  for (let i = current.value.indexOf('" "'); i !== -1; i = current.value.indexOf('" "', i + 3)) {
    dropped
      .add(i)
      .add(i + 1)
      .add(i + 2)
  }
  if (dropped.size) current = filterMapped(current, (i) => !dropped.has(i))
  // Nothing to unescape: skip the copy (a value can be megabytes long).
  if (!options.escapedSemicolons || !current.value.includes('\\;')) return current
  // `\;` becomes `;`; the character keeps the offset of the backslash, like any escape.
  const value: string[] = []
  const offsets: number[] = []
  for (let i = 0; i < current.value.length; i++) {
    const ch = current.value[i] as string
    if (ch === '\\' && current.value[i + 1] === ';') {
      value.push(';')
      offsets.push(current.offsets[i] as number)
      i++
      continue
    }
    value.push(ch)
    offsets.push(current.offsets[i] as number)
  }
  return { value: value.join(''), offsets, end: current.end }
}

const COMMENT_LOOKS_LIKE_DATA =
  /(?:^|\s)(?:[-+~?]?(?:all|include:|ip4:|ip6:|a:|mx:|ptr|exists:|redirect=|exp=)|v=spf1|v=DMARC1|[a-z]+=)/i

/**
 * A plain value followed by ` #...` is cut there by YAML. Ordinary trailing comments are
 * fine; one that reads like more of the record (SPF terms, `tag=value`) was probably meant as
 * data.
 */
export function truncationDiagnostic(node: Scalar, file: SourceFile): SourceDiagnostic | undefined {
  if (node.type !== 'PLAIN' || !node.range) return undefined
  const text = file.text
  let i = node.range[1]
  while (text[i] === ' ' || text[i] === '\t') i++
  if (text[i] !== '#') return undefined
  const lineEnd = text.indexOf('\n', i)
  const comment = text.slice(i + 1, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '')
  if (!(/^\S/.test(comment) || COMMENT_LOOKS_LIKE_DATA.test(comment))) return undefined
  return {
    code: 'SPF401',
    message: `YAML ends this value at " #": "#${comment.trim()}" is a comment, not part of the TXT value; quote the whole value if it belongs to it`,
    location: at(file, i, Math.max(1, comment.length + 1)),
  }
}

const PYYAML_TYPE_NAMES: Record<string, string> = {
  bool: 'a boolean',
  int: 'an integer',
  float: 'a number',
  null: 'null',
  timestamp: 'a date',
}

/** A plain scalar PyYAML (YAML 1.1) would not read as a string. */
export function pyyamlTypeDiagnostic(
  node: Scalar,
  file: SourceFile,
  what: string,
  consequence: string,
): SourceDiagnostic | undefined {
  if (node.type !== 'PLAIN' || !node.range) return undefined
  const source = typeof node.source === 'string' ? node.source : String(node.value)
  const type = pyyamlType(source)
  if (type === 'str') return undefined
  return {
    code: 'SPF401',
    message: `${what} ${source === '' ? '(empty)' : `"${source}"`} is read by PyYAML (YAML 1.1) as ${PYYAML_TYPE_NAMES[type]}, not a string: ${consequence}; quote it`,
    location: { file, start: node.range[0], end: Math.max(node.range[1], node.range[0] + 1) },
  }
}
