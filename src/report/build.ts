/**
 * The run's result as the plain report every reporter prints: positions resolved, counts made.
 */
import type { LintResult } from '../lint.js'
import { resolveLocation } from '../model/source.js'
import type { SpfEntry } from '../rules/types.js'
import { VERSION } from '../version.js'
import type { Report, ReportedRecord } from './report.js'
import { countBySeverity } from './report.js'
import { reportNode } from './tree.js'

/** Resolve positions and counts into the plain report every reporter prints. */
export function toReport(result: LintResult): Report {
  const report = toReportParts(result)
  return { ...report, records: [...report.records] }
}

/**
 * The report with its records made one at a time as they are read, so that a writer can print
 * each and let it go: on large repositories the resolved trees are most of the report.
 */
export function toReportParts(
  result: LintResult,
): Omit<Report, 'records'> & { records: Iterable<ReportedRecord> } {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...resolveLocation(f.location),
    name: f.name ?? null,
  }))
  return {
    tool: { name: 'spf-lint', version: VERSION },
    findings,
    records: reportedRecords(result.spf),
    summary: {
      files: result.files.length,
      records: result.records.length,
      spfRecords: result.spf.length,
      ...countBySeverity(findings),
    },
  }
}

function* reportedRecords(spf: readonly SpfEntry[]): Generator<ReportedRecord> {
  for (const entry of spf) {
    const at = resolveLocation(entry.record.rdataLocation)
    const tree = entry.tree
    yield {
      name: entry.record.name,
      file: at.file,
      line: at.line,
      column: at.column,
      record: entry.record.txt?.text ?? '',
      lookups: tree ? tree.total.lookups : null,
      lookupsLowerBound: tree ? tree.total.unknown : false,
      voidLookups: tree ? tree.total.voidLookups : null,
      ...(tree ? { tree: reportNode(tree.root) } : {}),
    }
  }
}
