/**
 * From what the rules reported to what is printed: configured severities, suppressions (and
 * SPF405 for those that silence nothing), one finding per problem, a stable order.
 */
import type { Finding, Severity } from './model/finding.js'
import { severityRank } from './model/finding.js'
import { decodeUtf8Runs } from './model/source.js'
import { byCodeUnits } from './model/order.js'
import type { SpfLintConfig } from './config.js'
import { findRule, rules } from './rules/index.js'
import type { Rule } from './rules/types.js'
import { rule as unusedSuppressionRule } from './rules/SPF405-unused-suppression.js'
import type { SourceResult } from './sources/types.js'
import { applySuppressions, type UnusedSuppression } from './suppress.js'

/** A finding of `rule`; text from a zone file's bytes is shown as the UTF-8 it holds. */
export function makeFinding(
  rule: Rule,
  location: Finding['location'],
  message: string,
  name?: string,
): Finding {
  const finding: Finding = {
    ruleId: rule.code,
    rule: rule.name,
    severity: rule.severity,
    message: location.file.encoding === 'bytes' ? decodeUtf8Runs(message) : message,
    location,
  }
  if (name !== undefined) finding.name = name
  return finding
}

/** Apply configured severities and suppressions, report unused suppressions, sort. */
export function finish(
  raw: Finding[],
  sources: SourceResult,
  severities: Map<string, Severity | 'off'>,
): Finding[] {
  const { kept, unused } = applySuppressions(raw, sources.suppressions, sources.records)
  const findings = kept.map((f) => {
    const severity = severities.get(f.ruleId)
    return severity && severity !== 'off' ? { ...f, severity } : f
  })
  if (severities.get(unusedSuppressionRule.code) !== 'off') {
    for (const s of unused)
      findings.push(unusedFinding(s, severities.get(unusedSuppressionRule.code)))
  }
  return dedupe(findings.sort(compareFindings))
}

/** One problem reached from several trees or files is reported once. */
function dedupe(sorted: Finding[]): Finding[] {
  const seen = new Set<string>()
  return sorted.filter((f) => {
    const key = `${f.ruleId}\0${f.location.file.absPath}\0${f.location.start}\0${f.location.end}\0${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function unusedFinding(unused: UnusedSuppression, severity: Severity | 'off' | undefined): Finding {
  const { suppression, rules: names } = unused
  const partial = names.length > 0 && names.length < suppression.rules.length
  const what = names.length ? names.join(', ') : 'all rules'
  const unknown = names.filter((n) => findRule(n) === undefined)
  const message = partial
    ? `${what} in this suppression ${names.length === 1 ? 'matches' : 'match'} no finding; remove ${names.length === 1 ? 'it' : 'them'} from the list`
    : `suppression of ${what} matches no finding; remove it`
  const hint = unknown.length ? ` (${unknown.join(', ')}: no such rule)` : ''
  const finding = makeFinding(unusedSuppressionRule, suppression.location, message + hint)
  if (severity && severity !== 'off') finding.severity = severity
  return finding
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    byCodeUnits(a.location.file.path, b.location.file.path) ||
    a.location.start - b.location.start ||
    severityRank[a.severity] - severityRank[b.severity] ||
    byCodeUnits(a.ruleId, b.ruleId)
  )
}

export function severityOverrides(config: SpfLintConfig): Map<string, Severity | 'off'> {
  const map = new Map<string, Severity | 'off'>()
  for (const [key, value] of Object.entries(config.rules ?? {})) {
    const rule = rules.find((r) => r.code === key.toUpperCase() || r.name === key.toLowerCase())
    if (rule) map.set(rule.code, value)
  }
  return map
}
