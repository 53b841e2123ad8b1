import type { Location, ResolvedLocation } from './source.js'

export type Severity = 'error' | 'warning' | 'notice'

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

/** The lowest severity that fails a run (the CLI's exit status, the action's step). */
export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const
export type FailOn = (typeof FAIL_ON)[number]

/** Whether findings in these numbers fail a run under `failOn`. */
export function shouldFail(
  failOn: FailOn,
  counts: { errors: number; warnings: number; notices: number },
): boolean {
  switch (failOn) {
    case 'error':
      return counts.errors > 0
    case 'warning':
      return counts.errors + counts.warnings > 0
    case 'notice':
      return counts.errors + counts.warnings + counts.notices > 0
    case 'never':
      return false
  }
}

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
