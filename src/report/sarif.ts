/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one rule per code,
 * one result per finding. Regions are 1-based with an exclusive end column. Fingerprints hash
 * what the finding is about (rule, file, owner name, the offending text), not where it sits, so
 * an alert survives edits elsewhere in the file.
 */
import { createHash } from 'node:crypto'
import type * as Sarif from 'sarif'
import type { ReportedFinding, Severity } from '../model/finding.js'
import { rules } from '../rules/index.js'
import { docsUrl } from '../rules/types.js'
import type { Report } from './report.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
const INFORMATION_URI = 'https://github.com/spf-lint/spf-lint'

export interface SarifOptions {
  /** The text of a 1-based line of a reported file, for fingerprints. */
  lineText(file: string, line: number): string | undefined
}

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  notice: 'note',
}

export function toSarif(report: Report, options: SarifOptions): Sarif.Log {
  const index = new Map(rules.map((r, i) => [r.code, i]))
  const seen = new Map<string, number>()
  const results = report.findings.map((f): Sarif.Result => {
    const key = fingerprintKey(f, options)
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    const hash = createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32)
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      level: LEVELS[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(f.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.line,
              startColumn: f.column,
              endLine: f.endLine,
              endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1),
            },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: hash, 'spfLintFinding/v1': hash },
    }
    const ruleIndex = index.get(f.ruleId)
    if (ruleIndex !== undefined) result.ruleIndex = ruleIndex
    if (f.name !== null) result.properties = { name: f.name }
    return result
  })
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spf-lint',
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((r): Sarif.ReportingDescriptor => ({
              id: r.code,
              name: pascalCase(r.name),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: docsUrl(r.code),
              help: {
                text: `${r.description} See ${docsUrl(r.code)}`,
                markdown: `${r.description}\n\n[${r.code} ${r.name}](${docsUrl(r.code)})`,
              },
              defaultConfiguration: { level: LEVELS[r.severity] },
              properties: { tags: ['spf', 'dns', 'email'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  }
}

export function formatSarif(report: Report, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`
}

/** `unknown-mechanism` -> `UnknownMechanism`. */
export function pascalCase(kebab: string): string {
  return kebab
    .split('-')
    .map((w) => (w ? w[0]?.toUpperCase() + w.slice(1) : ''))
    .join('')
}

/** A relative URI reference: each path segment percent-encoded. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}

/** What the finding is about; identical findings in one file are told apart by occurrence. */
function fingerprintKey(f: ReportedFinding, options: SarifOptions): string {
  const line = options.lineText(f.file, f.line) ?? ''
  const end = f.endLine === f.line ? f.endColumn - 1 : line.length
  const text = line.slice(f.column - 1, Math.max(end, f.column)).trim()
  return [f.ruleId, f.file, f.name ?? '', text || f.message].join('\0')
}
