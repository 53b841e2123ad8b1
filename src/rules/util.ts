/** Small helpers shared by rules: locating spans, and reading lookup trees. */
import type { Location } from '../model/source.js'
import { textLocation, type ZoneRecord } from '../model/record.js'
import type { LookupNode, LookupStatus } from '../spf/tree.js'
import type { Span, SpfProblem, SpfProblemKind } from '../spf/types.js'
import { isSpfRecordText } from '../spf/types.js'
import type { Rule, RuleContext, SpfEntry } from './types.js'
import { entriesByTree, statusBits } from './summaries.js'
import type { Severity } from '../model/finding.js'

/**
 * Where the `index`-th field of a BIND record's RDATA is written (fields are separated by blanks,
 * with parentheses and comments, `;` to the end of the line, around them, as in a multi-line
 * SOA); the whole RDATA for other formats or a missing field.
 */
export function rdataFieldLocation(record: ZoneRecord, index: number): Location {
  const at = record.rdataLocation
  if (record.format !== 'bind') return at
  const text = at.file.text
  let field = 0
  let i = at.start
  while (i < at.end) {
    const c = text.charCodeAt(i)
    if (c === 59) {
      while (i < at.end && text.charCodeAt(i) !== 10) i++
      continue
    }
    if (c <= 32 || c === 40 || c === 41) {
      i++
      continue
    }
    const start = i
    while (i < at.end) {
      const d = text.charCodeAt(i)
      if (d <= 32 || d === 40 || d === 41 || d === 59) break
      i += d === 92 ? 2 : 1
    }
    if (field++ === index) return { file: at.file, start, end: Math.min(i, at.end) }
  }
  return at
}

/** The file location of a span of an SPF record's joined text. */
export function spanLocation(entry: SpfEntry, span: Span): Location {
  return textLocation(entry.record, span.start, span.end)
}

/**
 * A rule that reports the SPF parser's problems of one kind. The parser is the single source of
 * truth for syntax, shared with check_host(), so the linter and the evaluator cannot disagree.
 */
export function problemRule(meta: {
  code: string
  name: string
  severity: Severity
  description: string
  kind: SpfProblemKind
}): Rule {
  return {
    ...ruleMeta(meta),
    check(ctx: RuleContext) {
      for (const { entry, problem } of problemsOfKind(ctx.spf, meta.kind)) {
        ctx.report({
          location: spanLocation(entry, problem.span),
          message: problem.message,
          name: entry.record.name,
        })
      }
    },
  }
}

interface ProblemAt {
  entry: SpfEntry
  problem: SpfProblem
}

/** The run's parser problems by kind, gathered in one pass for all the problem rules. */
const problemIndex = new WeakMap<readonly SpfEntry[], Map<SpfProblemKind, ProblemAt[]>>()

function problemsOfKind(spf: readonly SpfEntry[], kind: SpfProblemKind): readonly ProblemAt[] {
  let index = problemIndex.get(spf)
  if (index === undefined) {
    index = new Map()
    for (const entry of spf) {
      for (const problem of entry.spf.problems) {
        const list = index.get(problem.kind)
        if (list) list.push({ entry, problem })
        else index.set(problem.kind, [{ entry, problem }])
      }
    }
    problemIndex.set(spf, index)
  }
  return index.get(kind) ?? []
}

/**
 * Walk a lookup tree depth-first, with the path of ancestors. The ancestors array is one stack
 * shared by the whole walk (a copy per node is most of the cost on large repositories): read
 * it during the call, copy it to keep it.
 */
export function visitTree(
  node: LookupNode,
  visit: (node: LookupNode, ancestors: LookupNode[]) => void,
  ancestors: LookupNode[] = [],
): void {
  visit(node, ancestors)
  if (node.children.length === 0) return
  ancestors.push(node)
  for (const child of node.children) visitTree(child, visit, ancestors)
  ancestors.pop()
}

/**
 * Where to report a problem found at `node` in the tree of `entry`: at the nearest term (the
 * node itself or an ancestor) written in the repository. When that term belongs to another
 * repository record, that record's own tree reports it, so this returns undefined.
 */
export function treeLocation(
  entry: SpfEntry,
  node: LookupNode,
  ancestors: LookupNode[],
): Location | undefined {
  for (let i = ancestors.length; i >= 0; i--) {
    const at = i === ancestors.length ? node : (ancestors[i] as LookupNode)
    const origin = at.origin
    if (!origin?.source) continue
    if (origin.source !== entry.record) return undefined
    return textLocation(origin.source, origin.span.start, origin.span.end)
  }
  return undefined
}

/** Whether the record is a TXT record that is an SPF record (RFC 7208 §4.5). */
export function isSpfTxtRecord(record: ZoneRecord): boolean {
  return record.type === 'TXT' && record.txt !== undefined && isSpfRecordText(record.txt.text)
}

/** Whether these records (of one name) include an SPF TXT record (RFC 7208 §4.5). */
export function hasSpfRecord(records: readonly ZoneRecord[] | undefined): boolean {
  if (!records) return false
  for (let i = 0; i < records.length; i++) if (isSpfTxtRecord(records[i] as ZoneRecord)) return true
  return false
}

/** The location of the whole SPF record text (for record-level findings). */
export function recordLocation(entry: SpfEntry): Location {
  return spanLocation(entry, { start: 0, end: entry.spf.text.length })
}

/** The text of an owner name for messages (`@` cannot be shown; names are absolute). */
export function displayName(name: string): string {
  return name === '' ? '.' : name
}

/** A rule that reports the source readers' diagnostics of one code (SPF401-SPF404). */
export function sourceRule(meta: {
  code: 'SPF401' | 'SPF402' | 'SPF403' | 'SPF404'
  name: string
  severity: Severity
  description: string
}): Rule {
  return {
    ...meta,
    check(ctx: RuleContext) {
      for (const d of ctx.sourceDiagnostics) {
        if (d.code === meta.code) ctx.report({ location: d.location, message: d.message })
      }
    },
  }
}

/**
 * A rule that reports tree nodes matching a predicate, at the nearest repository term, once
 * per location and message (a record included from several trees is reported once).
 */
export function treeNodeRule(meta: {
  code: string
  name: string
  severity: Severity
  description: string
  /** Every status `matches` can accept: trees without any of them are not gone through. */
  statuses: readonly LookupStatus[]
  matches(node: LookupNode): boolean
  message(node: LookupNode, entry: SpfEntry): string
}): Rule {
  return {
    ...ruleMeta(meta),
    check(ctx: RuleContext) {
      const seen = new Set<string>()
      for (const entry of entriesByTree(ctx.spf, statusBits(meta.statuses))) {
        visitTree(entry.tree.root, (node, ancestors) => {
          if (!meta.matches(node)) return
          const location = treeLocation(entry, node, ancestors)
          if (!location) return
          const message = meta.message(node, entry)
          const key = `${location.file.absPath}:${location.start}:${message}`
          if (seen.has(key)) return
          seen.add(key)
          ctx.report({ location, message, name: entry.record.name })
        })
      }
    },
  }
}

/** How a nested node is reached, for messages: `include:a.example -> include:b.example`. */
export function via(node: LookupNode, entry: SpfEntry): string {
  return node.origin?.source === entry.record
    ? ''
    : ` (reached through ${node.origin?.recordName ?? 'an include'})`
}

/** The identifying fields of a rule, from a factory's wider description of it. */
function ruleMeta(meta: Omit<Rule, 'check'>): Omit<Rule, 'check'> {
  return {
    code: meta.code,
    name: meta.name,
    severity: meta.severity,
    description: meta.description,
  }
}
