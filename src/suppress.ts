/**
 * Suppression comments (`; spf-lint-disable-next-line SPF209 -- reason`): a finding is dropped
 * when a suppression in its file names its code or name (or names nothing) and covers its line.
 * "Next line" covers the whole record entry that starts on that line, so a comment above a
 * parenthesised record silences findings on any of its lines. Suppressions that silence nothing
 * are returned so SPF405 can report them, as Ruff reports unused `noqa`.
 */
import type { Finding } from './model/finding.js'
import type { ZoneRecord } from './model/record.js'
import type { Suppression } from './sources/types.js'

/** A suppression, or the part of it (the codes or names listed) that silenced nothing. */
export interface UnusedSuppression {
  suppression: Suppression
  /** The listed codes or names that matched no finding; empty when it lists none. */
  rules: string[]
}

export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  records: readonly ZoneRecord[],
): { kept: Finding[]; unused: UnusedSuppression[] } {
  if (suppressions.length === 0) return { kept: [...findings], unused: [] }
  const entrySpans = entrySpansByLine(suppressions, records)
  // Which suppressions, and which of the rules they list, silenced something.
  const used = new Map<Suppression, Set<string>>()
  const kept = findings.filter((finding) => {
    const hit = suppressions.find((s) => covers(s, finding, entrySpans.get(s)))
    if (!hit) return true
    const names = used.get(hit) ?? new Set<string>()
    for (const r of hit.rules) if (names.has(r) || matchesRule(r, finding)) names.add(r)
    used.set(hit, names)
    return false
  })
  const unused: UnusedSuppression[] = []
  for (const s of suppressions) {
    const names = used.get(s)
    if (!names) unused.push({ suppression: s, rules: [...s.rules] })
    else if (s.rules.some((r) => !names.has(r))) {
      unused.push({ suppression: s, rules: s.rules.filter((r) => !names.has(r)) })
    }
  }
  return { kept, unused }
}

function matchesRule(rule: string, f: Finding): boolean {
  return rule.toUpperCase() === f.ruleId || rule.toLowerCase() === f.rule
}

function covers(
  s: Suppression,
  f: Finding,
  spans: { start: number; end: number }[] | undefined,
): boolean {
  if (s.location.file !== f.location.file) return false
  if (s.rules.length > 0 && !s.rules.some((r) => matchesRule(r, f))) return false
  if (s.scope === 'file') return true
  if (f.location.file.position(f.location.start).line === s.scope.line) return true
  return (
    spans?.some((span) => f.location.start >= span.start && f.location.start < span.end) ?? false
  )
}

function entrySpansByLine(
  suppressions: readonly Suppression[],
  records: readonly ZoneRecord[],
): Map<Suppression, { start: number; end: number }[]> {
  const byFileLine = new Map<string, { start: number; end: number }[]>()
  const wanted = new Set(
    suppressions.flatMap((s) =>
      s.scope === 'file' ? [] : [`${s.location.file.absPath}\0${s.scope.line}`],
    ),
  )
  for (const record of records) {
    const { file, start, end } = record.location
    const key = `${file.absPath}\0${file.position(start).line}`
    if (!wanted.has(key)) continue
    const list = byFileLine.get(key) ?? []
    list.push({ start, end: Math.max(end, record.rdataLocation.end) })
    byFileLine.set(key, list)
  }
  const result = new Map<Suppression, { start: number; end: number }[]>()
  for (const s of suppressions) {
    if (s.scope !== 'file')
      result.set(s, byFileLine.get(`${s.location.file.absPath}\0${s.scope.line}`) ?? [])
  }
  return result
}
