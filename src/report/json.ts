import type { Report } from './report.js'

/** Exactly one JSON document (schemas/report.schema.json). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
