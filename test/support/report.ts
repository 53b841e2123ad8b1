/** Plain findings and reports for reporter tests: what `toReport()` would hand a reporter. */
import type { ReportedFinding } from '../../src/model/finding.js'
import type { Report, ReportedRecord } from '../../src/report/report.js'
import { countBySeverity } from '../../src/report/report.js'

export function finding(over: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    ruleId: 'SPF101',
    rule: 'unknown-mechanism',
    severity: 'error',
    message: 'unknown mechanism "nclude:x"',
    file: 'zones/db.a',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 15,
    name: 'a.example',
    ...over,
  }
}

export function report(
  findings: ReportedFinding[],
  records: ReportedRecord[] = [],
  spfRecords = records.length,
): Report {
  return {
    tool: { name: 'spf-lint', version: '0.1.0' },
    findings,
    records,
    summary: { files: 1, records: 1, spfRecords, ...countBySeverity(findings) },
  }
}
