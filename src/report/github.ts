/**
 * `--format github`: the action's annotations as workflow commands on stdout, for people who run
 * the CLI in their own `run:` step. What does not fit under the runner's limits is listed in the
 * log, inside a block the runner does not read commands from.
 */
import type { Report } from './report.js'
import { findingAnnotation, planAnnotations } from './annotations.js'
import type { Candidate } from './annotations.js'
import { formatAnnotation, inertBlock } from './workflow-commands.js'
import { summaryLine } from './text.js'
import { visible } from './sanitize.js'

export interface GithubOptions {
  /** Whether finding `i` is on a changed line (sorted first); none when not known. */
  onChangedLine?: (index: number) => boolean
  /** Block token, for reproducible output in tests. */
  token?: string
}

export function findingCandidates(
  report: Report,
  onChangedLine: (index: number) => boolean = () => false,
): Candidate[] {
  return report.findings.map((f, i) => ({
    severity: f.severity,
    onChangedLine: onChangedLine(i),
    annotation: findingAnnotation(f),
  }))
}

export function formatGithub(report: Report, options: GithubOptions = {}): string {
  const plan = planAnnotations(findingCandidates(report, options.onChangedLine), {
    // A failing step adds its own "exit code 1" error annotation.
    reserve: { error: report.summary.errors > 0 ? 1 : 0 },
    where: 'the step log',
  })
  const out = plan.annotations.map(formatAnnotation)
  if (plan.omitted.length > 0) {
    const lines = plan.omitted.map(({ annotation: a }) => {
      const at = [a.file, a.line, a.column].filter((p) => p !== undefined).join(':')
      return `${visible(at)}: ${a.level} ${a.message.split('\n')[0]} [${a.title}]`
    })
    out.push(inertBlock(lines.join('\n'), options.token).trimEnd())
  }
  out.push(summaryLine(report))
  return `${out.join('\n')}\n`
}
