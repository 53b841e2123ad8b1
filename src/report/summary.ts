/**
 * The job summary (GitHub-flavoured Markdown): per domain a table of its SPF records, the lookup
 * tree of every record near the limit, the budget changes of a pull request, and every finding
 * grouped by file with links to the lines. Every value from the files is HTML-escaped (the
 * summary renders HTML) and table pipes are neutralised; GitHub rejects a summary over 1 MiB,
 * so the output stops short of that with a note.
 */
import type { ReportedFinding } from '../model/finding.js'
import { severityRank } from '../model/finding.js'
import type { Report, ReportedRecord } from './report.js'
import type { ReportedNode } from './tree.js'
import { summaryLine } from './text.js'
import { visible } from './sanitize.js'
import type { BudgetDelta } from '../github/delta.js'
import { formatCount, formatDelta } from '../github/delta.js'
import { byCodeUnits } from '../model/order.js'

export const SUMMARY_LIMIT = 1024 * 1024

export interface SummaryInput {
  report: Report
  /** The zone of each of `report.records`, same order. */
  zones: readonly string[]
  /** SPF202's threshold: records at or above it get their tree printed. */
  threshold: number
  /** For links to the lines: `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, the linted commit. */
  links?: { server: string; repository: string; sha: string }
  deltas?: readonly BudgetDelta[]
  /** Findings left out by `only-changed`. */
  hidden?: { count: number; mode: string }
  /** Trusted lines shown under the heading (warnings about the run itself). */
  notes?: readonly string[]
  /** Where the complete results are, for the truncation note. */
  elsewhere?: string
  maxBytes?: number
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  '#': '&#35;',
  '!': '&#33;',
  '@': '&#64;',
}

/** Text from the files, safe in HTML, in Markdown and inside a table cell. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"'|`*_[\]\\~#!@]/g, (c) => ENTITIES[c] as string)
}

const code = (text: string) => `<code>${escapeHtml(text)}</code>`

export function formatSummary(input: SummaryInput): string {
  const limit = (input.maxBytes ?? SUMMARY_LIMIT) - 2048
  const out: string[] = []
  let bytes = 0
  let truncated = false
  const push = (...lines: string[]): boolean => {
    for (const line of lines) {
      const size = Buffer.byteLength(line, 'utf8') + 1
      if (truncated || bytes + size > limit) {
        truncated = true
        return false
      }
      out.push(line)
      bytes += size
    }
    return true
  }

  heading(input, push)
  deltas(input, push)
  domains(input, push)
  trees(input, push)
  findings(input, push)
  if (truncated) {
    out.push(
      '',
      `> [!WARNING]`,
      `> The summary stops here: GitHub keeps at most 1 MiB per step.` +
        (input.elsewhere ? ` Every result is in ${input.elsewhere}.` : ''),
    )
  }
  return `${out.join('\n')}\n`
}

/** Adds lines while there is room; false once the summary is full (the caller can stop). */
type Push = (...lines: string[]) => boolean

function heading(input: SummaryInput, push: Push): void {
  push('## spf-lint', '', escapeHtml(summaryLine(input.report)), '')
  if (input.hidden && input.hidden.count > 0) {
    const n = input.hidden.count
    push(
      `${n} finding${n === 1 ? '' : 's'} outside the pull request's changes ` +
        `${n === 1 ? 'is' : 'are'} not shown (<code>only-changed: ${escapeHtml(input.hidden.mode)}</code>).`,
      '',
    )
  }
  for (const note of input.notes ?? []) push(`> ${escapeHtml(note)}`, '')
}

function deltas(input: SummaryInput, push: Push): void {
  if (!input.deltas?.length) return
  push('### Lookup budget in this pull request', '')
  push('| Record | Before | After | Change |', '|---|---:|---:|---|')
  for (const d of input.deltas) {
    push(
      `| ${link(input, code(d.name), d.file, d.line)} | ${escapeHtml(formatCount(d.before))} | ` +
        `${escapeHtml(formatCount(d.after))} | ${escapeHtml(formatDelta(d))} |`,
    )
  }
  push('')
}

function domains(input: SummaryInput, push: Push): void {
  const { records } = input.report
  if (records.length === 0) return
  const byZone = groupBy(records, (r, i) => input.zones[i] ?? r.name)
  const worst = worstFindings(input.report.findings, records)
  push('### SPF records', '')
  for (const zone of [...byZone.keys()].sort()) {
    push(`#### ${code(zone)}`, '')
    push('| Record | Lookups | Void lookups | Worst finding |', '|---|---:|---:|---|')
    for (const r of byZone.get(zone) ?? []) {
      const w = worst.get(r)
      const row =
        `| ${link(input, code(r.name), r.file, r.line)}<br>${code(shorten(r.record, 200))} | ` +
        `${lookupCell(r)} | ${r.voidLookups === null ? '?' : `${r.voidLookups}/2`} | ` +
        `${w ? `${w.severity} ${escapeHtml(`${w.ruleId} ${w.rule}`)}` : '—'} |`
      if (!push(row)) return
    }
    push('')
  }
}

/** `items` in lists by key, in their order; the keys in order of first appearance. */
function groupBy<T>(
  items: readonly T[],
  key: (item: T, index: number) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  items.forEach((item, i) => {
    const k = key(item, i)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  })
  return groups
}

function lookupCell(r: ReportedRecord): string {
  if (r.lookups === null) return '?'
  return `${r.lookupsLowerBound ? '≥ ' : ''}${r.lookups}/10`
}

/**
 * The most severe finding about each record, in one pass over the findings. A finding is about
 * the records that start on its line, and about the record at its name; when several records
 * share the name (SPF002), about the last of them that starts at or before it in its file, or
 * about all of them when none does.
 */
function worstFindings(
  findings: readonly ReportedFinding[],
  records: readonly ReportedRecord[],
): Map<ReportedRecord, ReportedFinding> {
  const byName = groupBy(records, (r) => r.name)
  const byLine = groupBy(records, (r) => `${r.file}\0${r.line}`)
  const worst = new Map<ReportedRecord, ReportedFinding>()
  const note = (r: ReportedRecord, f: ReportedFinding) => {
    const now = worst.get(r)
    if (!now || severityRank[f.severity] < severityRank[now.severity]) worst.set(r, f)
  }
  for (const f of findings) {
    for (const r of byLine.get(`${f.file}\0${f.line}`) ?? []) note(r, f)
    const twins = f.name === null ? undefined : byName.get(f.name)
    if (!twins) continue
    let owner: ReportedRecord | undefined
    if (twins.length > 1) {
      for (const t of twins) {
        if (t.file === f.file && t.line <= f.line && (!owner || t.line >= owner.line)) owner = t
      }
    }
    if (owner) note(owner, f)
    else for (const t of twins) note(t, f)
  }
  return worst
}

function trees(input: SummaryInput, push: Push): void {
  const near = input.report.records.filter(
    (r) => r.lookups !== null && r.lookups >= input.threshold && r.tree,
  )
  if (near.length === 0) return
  push(`### Lookup trees at or over ${input.threshold} lookups`, '')
  for (const r of near) {
    if (!push(`<details><summary>${code(r.name)}: ${lookupCell(r)} lookups</summary>`, '')) return
    let nodes = 0
    const walk = (node: ReportedNode, depth: number) => {
      if (++nodes > 500 || depth > 20) return
      const status = node.status === 'ok' ? '' : ` (${escapeHtml(node.status)})`
      const own = node.cost ? `, costs ${node.cost}` : ''
      push(
        `${'  '.repeat(depth)}- ${code(node.term)}: ${node.unknown ? '≥ ' : ''}${node.lookups} ` +
          `lookup${node.lookups === 1 ? '' : 's'}${own}${status}`,
      )
      for (const child of node.children) walk(child, depth + 1)
    }
    walk(r.tree as ReportedNode, 0)
    push('', '</details>', '')
  }
}

function findings(input: SummaryInput, push: Push): void {
  const all = input.report.findings
  if (all.length === 0) return
  push('### Findings', '')
  const byFile = groupBy(all, (f) => f.file)
  for (const [file, list] of [...byFile].sort(([a], [b]) => byCodeUnits(a, b))) {
    push(`#### ${code(file)}`, '')
    for (const f of list) {
      const line =
        `- **${f.severity}** ${link(input, `line ${f.line}`, f.file, f.line)} ` +
        `${escapeHtml(`${f.ruleId} ${f.rule}`)}: ${escapeHtml(f.message)}`
      if (!push(line)) return
    }
    push('')
  }
}

/** `[text](.../blob/SHA/FILE#L12)`, or the text alone outside GitHub. */
function link(input: SummaryInput, html: string, file: string, line: number): string {
  const l = input.links
  if (!l) return html
  const path = file
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16)}`))
    .join('/')
  const repo = l.repository.split('/').map(encodeURIComponent).join('/')
  return `[${html}](${l.server.replace(/\/+$/, '')}/${repo}/blob/${encodeURIComponent(l.sha)}/${path}#L${line})`
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
