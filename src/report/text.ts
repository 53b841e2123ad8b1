/**
 * The human format, after actionlint and ruff: `file:line:col: severity message [CODE name]`,
 * then the source line and a caret underline, then a one-line summary.
 */
import type { ReportedFinding, Severity } from '../model/finding.js'
import type { Report } from './report.js'
import { visible } from './sanitize.js'
import { NO_ZONE_FILES } from '../sources/discover.js'

export interface TextOptions {
  color: boolean
  /** The text of a 1-based line of a reported file, for the snippet. */
  lineText(file: string, line: number): string | undefined
}

const colors: Record<Severity, string> = { error: '31', warning: '33', notice: '36' }

export function formatText(report: Report, options: TextOptions): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s)
  const out: string[] = []
  for (const f of report.findings) {
    // File names come from the repository too: a name can carry escape sequences.
    const head = `${visible(f.file)}:${f.line}:${f.column}:`
    out.push(
      `${paint('1', head)} ${paint(colors[f.severity], f.severity)} ${visible(f.message)} ${paint('2', `[${f.ruleId} ${f.rule}]`)}`,
    )
    const snippet = formatSnippet(f, options.lineText(f.file, f.line))
    if (snippet) out.push(...snippet.map((l) => paint('2', l.gutter) + l.text))
  }
  if (report.findings.length > 0) out.push('')
  out.push(summaryLine(report))
  return `${out.join('\n')}\n`
}

/** Snippets show at most this many characters around the column (a zone line can be 10 MB). */
const WINDOW = 120

function formatSnippet(
  f: ReportedFinding,
  raw: string | undefined,
): { gutter: string; text: string }[] | undefined {
  if (raw === undefined) return undefined
  const number = String(f.line)
  const pad = ' '.repeat(number.length)
  let start = Math.max(1, f.column)
  let end = f.endLine === f.line ? Math.max(f.endColumn, start + 1) : raw.length + 1
  // Cut long lines to a window around the span, marking the cuts with an ellipsis.
  let from = 0
  if (raw.length > WINDOW) from = Math.max(0, Math.min(start - 1 - WINDOW / 4, raw.length - WINDOW))
  const to = Math.min(raw.length, from + WINDOW)
  const before = from > 0 ? '\u2026' : ''
  const after = to < raw.length ? '\u2026' : ''
  // Tabs become single spaces so the caret lines up with the column (columns count characters).
  const line = before + visibleKeepingColumns(raw.slice(from, to).replace(/\t/g, ' ')) + after
  start = start - from + before.length
  end = Math.min(end - from + before.length, line.length - after.length + 1)
  const width = Math.max(1, end - start)
  const underline = `${' '.repeat(Math.max(0, start - 1))}^${'~'.repeat(Math.max(0, width - 1))}`
  return [
    { gutter: `${number} | `, text: line },
    { gutter: `${pad} | `, text: underline },
  ]
}

/** Replace control characters one-for-one so columns stay where they were. */
function visibleKeepingColumns(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\u00b7')
}

export function summaryLine(report: Report): string {
  const { errors, warnings, notices, files, spfRecords } = report.summary
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (report.summary.records === 0 && errors + warnings + notices === 0) {
    return `${NO_ZONE_FILES[0]?.toUpperCase()}${NO_ZONE_FILES.slice(1)} (--by-content also reads other names).`
  }
  if (errors + warnings + notices === 0) {
    return `No problems in ${plural(spfRecords, 'SPF record')} across ${plural(files, 'file')}.`
  }
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notices, 'notice')} in ${plural(files, 'file')} (${plural(spfRecords, 'SPF record')}).`
}
