/**
 * Which findings become annotations. The runner keeps only the first 10 errors, 10 warnings and
 * 10 notices of a step and drops the rest in silence, so we choose: the most severe first, then
 * those on lines the pull request changed, then by file and line; and we say how many more
 * there are and where to read them.
 */
import type { ReportedFinding, Severity } from '../model/finding.js'
import { severityRank } from '../model/finding.js'
import { docsUrl } from '../rules/types.js'
import { visible } from './sanitize.js'
import type { Annotation, AnnotationLevel } from './workflow-commands.js'
import { byCodeUnits } from '../model/order.js'

/** Per step and per level (actions/runner `_maxCountPerIssueType`). */
export const RUNNER_LIMIT = 10

export interface Candidate {
  severity: Severity
  /** On a line the pull request added or changed (sorted first within a severity). */
  onChangedLine: boolean
  annotation: Annotation
}

export interface Reserve {
  /** Annotations of each level printed outside the plan (the failure message, warnings). */
  error?: number
  warning?: number
  notice?: number
}

export interface AnnotationPlan {
  /** In print order; the last one is the "N more" notice when anything was left out. */
  annotations: Annotation[]
  omitted: Candidate[]
}

export function findingAnnotation(f: ReportedFinding): Annotation {
  const annotation: Annotation = {
    level: f.severity,
    title: `${f.ruleId} ${f.rule}`,
    message: `${visible(f.message)}\n${docsUrl(f.ruleId)}`,
    file: f.file,
    line: f.line,
  }
  if (f.endLine === f.line) {
    // Annotations take an inclusive end column; the report's is exclusive.
    annotation.column = f.column
    annotation.endColumn = Math.max(f.column, f.endColumn - 1)
  } else if (f.endLine > f.line) {
    // The runner drops columns on spans across lines, so send none.
    annotation.endLine = f.endLine
  }
  return annotation
}

export function compareCandidates(a: Candidate, b: Candidate): number {
  const fa = a.annotation
  const fb = b.annotation
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    Number(b.onChangedLine) - Number(a.onChangedLine) ||
    byCodeUnits(fa.file ?? '', fb.file ?? '') ||
    (fa.line ?? 0) - (fb.line ?? 0) ||
    (fa.column ?? 0) - (fb.column ?? 0)
  )
}

/**
 * Sort, keep what fits under the runner's limits after `reserve`, and finish with one notice
 * that counts the rest and names `where` they can be read.
 */
export function planAnnotations(
  candidates: readonly Candidate[],
  options: { reserve?: Reserve; where: string },
): AnnotationPlan {
  const sorted = [...candidates].sort(compareCandidates)
  const room = (level: AnnotationLevel, extra: number) =>
    Math.max(0, RUNNER_LIMIT - (options.reserve?.[level] ?? 0) - extra)
  let plan = take(sorted, (level) => room(level, 0))
  if (plan.omitted.length > 0) {
    // The closing notice takes one notice slot itself.
    plan = take(sorted, (level) => room(level, level === 'notice' ? 1 : 0))
    plan.annotations.push(moreNotice(plan.omitted, options.where))
  }
  return plan
}

function take(sorted: Candidate[], room: (level: AnnotationLevel) => number): AnnotationPlan {
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  const annotations: Annotation[] = []
  const omitted: Candidate[] = []
  for (const c of sorted) {
    const level = c.annotation.level
    if (used[level] < room(level)) {
      used[level]++
      annotations.push(c.annotation)
    } else omitted.push(c)
  }
  return { annotations, omitted }
}

function moreNotice(omitted: Candidate[], where: string): Annotation {
  const count: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  for (const c of omitted) count[c.annotation.level]++
  const parts = (['error', 'warning', 'notice'] as const)
    .filter((level) => count[level] > 0)
    .map((level) => `${count[level]} ${level}${count[level] === 1 ? '' : 's'}`)
  const n = omitted.length
  return {
    level: 'notice',
    title: `spf-lint: ${n} more not annotated`,
    message:
      `${n} more ${n === 1 ? 'result is' : 'results are'} not annotated (${parts.join(', ')}): ` +
      `GitHub shows at most ${RUNNER_LIMIT} errors, ${RUNNER_LIMIT} warnings and ` +
      `${RUNNER_LIMIT} notices per step. Read them all in ${where}.`,
  }
}
