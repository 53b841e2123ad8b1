/**
 * Suppression comments in zone files:
 *   ; spf-lint-disable-next-line SPF209 ptr-mechanism -- legacy relay, removed in Q3
 *   ; spf-lint-disable-file SPF101 -- reason
 * Rules are codes or kebab-case names; none means every rule.
 */
import type { SourceFile } from '../../model/source.js'
import type { Suppression } from '../types.js'

const DIRECTIVE = /^;\s*spf-lint-disable-(next-line|file)(?=\s|$)(.*)$/

/** Parse the comment `text[start, end)`; null if it is not a suppression comment. */
export function parseSuppression(
  file: SourceFile,
  start: number,
  end: number,
): { suppression: Suppression; nextLine: boolean } | null {
  const match = DIRECTIVE.exec(file.text.slice(start, end).replace(/\r$/, ''))
  if (!match) return null
  const rest = match[2] as string
  const dashes = rest.search(/\s--(\s|$)/)
  const rulesText = dashes === -1 ? rest : rest.slice(0, dashes)
  const reason = dashes === -1 ? '' : rest.slice(dashes).replace(/^\s--/, '').trim()
  const rules = rulesText.split(/[\s,]+/).filter((rule) => rule !== '')
  const nextLine = match[1] === 'next-line'
  const suppression: Suppression = {
    rules,
    // Until the next token is seen, point at the line after the comment.
    scope: nextLine ? { line: file.position(start).line + 1 } : 'file',
    location: { file, start, end },
  }
  if (reason !== '') suppression.reason = reason
  return { suppression, nextLine }
}
