/**
 * Suppression comments in YAML files:
 *   # spf-lint-disable-next-line SPF209 ptr-mechanism -- legacy relay, removed in Q3
 *   # spf-lint-disable-file SPF306
 * Only whole-line comments count, so a `#` inside a value is never mistaken for one. A
 * next-line comment applies to the next line that is neither blank nor a comment, so that
 * several comments may be stacked above one entry.
 */
import type { SourceFile } from '../../model/source.js'
import type { Suppression } from '../types.js'

const DIRECTIVE = /^([ \t]*)#[ \t]*spf-lint-disable-(next-line|file)(?=[ \t]|$)(.*)$/

/** Split `SPF209 ptr-mechanism -- reason` into rule names and the reason. */
export function parseSuppressionArguments(text: string): { rules: string[]; reason?: string } {
  const separator = text.search(/(^|[ \t])--([ \t]|$)/)
  const list = separator < 0 ? text : text.slice(0, separator)
  const reason =
    separator < 0
      ? ''
      : text
          .slice(separator)
          .replace(/^[ \t]*--/, '')
          .trim()
  const rules = list.split(/[\s,]+/).filter((r) => r !== '')
  return reason ? { rules, reason } : { rules }
}

export function collectYamlSuppressions(file: SourceFile): Suppression[] {
  const found: Suppression[] = []
  const lines = file.text.split('\n')
  let offset = 0
  const lineStarts = lines.map((line) => {
    const start = offset
    offset += line.length + 1
    return start
  })
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    const match = DIRECTIVE.exec(line)
    if (!match) return
    const start = (lineStarts[index] as number) + (match[1] as string).length
    const location = { file, start, end: (lineStarts[index] as number) + line.length }
    const { rules, reason } = parseSuppressionArguments(match[3] as string)
    let scope: Suppression['scope'] = 'file'
    if (match[2] === 'next-line') {
      let target = index + 1
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target] as string)) target++
      scope = { line: target + 1 }
    }
    found.push(
      reason === undefined ? { rules, scope, location } : { rules, scope, reason, location },
    )
  })
  return found
}
