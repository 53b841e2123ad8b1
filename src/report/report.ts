/**
 * The report: the run's results as plain data with positions resolved. Every reporter (text,
 * JSON, SARIF, GitHub) prints this; none of them knows about DNS or parsing.
 */
import type { ReportedFinding, Severity } from '../model/finding.js'

export interface ReportedRecord {
  name: string
  file: string
  line: number
  column: number
  /** The joined record text (RFC 7208 §3.3). */
  record: string
  /** Worst-case DNS-querying terms (§4.6.4); null until counted. */
  lookups: number | null
  /** True when part of the tree could not be resolved, so `lookups` is a lower bound. */
  lookupsLowerBound: boolean
  voidLookups: number | null
  tree?: unknown
}

export interface ReportSummary {
  files: number
  records: number
  spfRecords: number
  errors: number
  warnings: number
  notices: number
}

export interface Report {
  tool: { name: 'spf-lint'; version: string }
  findings: ReportedFinding[]
  records: ReportedRecord[]
  summary: ReportSummary
}

export function countBySeverity(findings: readonly { severity: Severity }[]): {
  errors: number
  warnings: number
  notices: number
} {
  let errors = 0
  let warnings = 0
  let notices = 0
  for (const f of findings) {
    if (f.severity === 'error') errors++
    else if (f.severity === 'warning') warnings++
    else notices++
  }
  return { errors, warnings, notices }
}
