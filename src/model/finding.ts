import type { Location, ResolvedLocation } from './source.js'

export type Severity = 'error' | 'warning' | 'notice'

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

/** What a rule reports: the span that explains the problem, and how to fix it. */
export interface Finding {
  ruleId: string
  rule: string
  severity: Severity
  message: string
  location: Location
  /** The owner name the finding is about, when there is one (`corp.example`). */
  name?: string
}

/** A finding as reporters print it: positions resolved to file, line and column. */
export interface ReportedFinding extends ResolvedLocation {
  ruleId: string
  rule: string
  severity: Severity
  message: string
  name: string | null
}
