/**
 * The pipeline, and nothing else: sources -> records -> SPF engine -> rules -> findings.
 * Entry points (cli.ts, action.ts) call `lint()` and hand the result to a reporter.
 */
import path from 'node:path'
import type { Finding, Severity } from './model/finding.js'
import { severityRank } from './model/finding.js'
import type { ZoneRecord } from './model/record.js'
import type { SourceFile } from './model/source.js'
import { resolveLocation } from './model/source.js'
import type { Resolver } from './dns/resolver.js'
import { CachingResolver, LayeredResolver } from './dns/resolver.js'
import { ZoneResolver, indexRecords } from './dns/zone.js'
import { parseSpf } from './spf/parse.js'
import { isSpfRecordText } from './spf/types.js'
import { findRule, rules } from './rules/index.js'
import type { Rule, RuleContext, RuleOptions, SpfEntry } from './rules/types.js'
import type { SourceDiagnostic, SourceResult, Suppression } from './sources/types.js'
import { loadSources } from './sources/index.js'
import { applySuppressions } from './suppress.js'
import { rule as unusedSuppressionRule } from './rules/SPF405-unused-suppression.js'
import { walkAll } from './spf/walk-all.js'
import type { Report, ReportedRecord } from './report/report.js'
import { countBySeverity } from './report/report.js'
import { reportNode } from './report/tree.js'
import { loadConfig, toRuleOptions, type SpfLintConfig } from './config.js'
import { VERSION } from './version.js'

export interface LintOptions {
  /** Files or directories to lint (default: the root). */
  paths?: string[]
  /** The linted root: nothing outside it is ever read (default: the working directory). */
  root?: string
  /** Working directory that reported paths are relative to. */
  cwd?: string
  /** Configuration file; default `.spf-lint.yml` in the root when present. */
  configPath?: string
  /** Extra resolver layers after the repository's zones (lock file, live DNS). */
  resolvers?: Resolver[]
  /** Called as work progresses (phase names and counts), for progress displays. */
  onProgress?: (event: { phase: string; done?: number; total?: number; detail?: string }) => void
}

export interface LintResult {
  findings: Finding[]
  spf: SpfEntry[]
  records: ZoneRecord[]
  files: SourceFile[]
  config: SpfLintConfig
  resolver: Resolver
}

/** The repository as loaded: configuration, records, and the resolver over them. */
export interface Repository {
  config: SpfLintConfig
  sources: SourceResult
  byName: Map<string, ZoneRecord[]>
  zones: Set<string>
  resolver: Resolver
}

/** Read the configuration and every zone under the targets; build the layered resolver. */
export async function loadRepository(options: LintOptions = {}): Promise<Repository> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const root = path.resolve(cwd, options.root ?? '.')
  const loaded = await loadConfig(options.configPath, root, cwd, {
    isKnownRule: (key) => findRule(key) !== undefined,
  })
  const config = loaded.config
  const targets = (options.paths?.length ? options.paths : (config.paths ?? ['.'])).map(
    (p: string) => path.resolve(cwd, p),
  )
  options.onProgress?.({ phase: 'read' })
  const sources = await loadSources(targets, { root, cwd }, { ignore: config.ignore ?? [] })
  if (loaded.file) sources.files.push(loaded.file)
  sources.diagnostics.push(...loaded.diagnostics)
  const { byName, zones } = indexRecords(sources.records)
  const resolver = new CachingResolver(
    new LayeredResolver([new ZoneResolver(byName, zones), ...(options.resolvers ?? [])]),
  )
  return { config, sources, byName, zones, resolver }
}

export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const progress = options.onProgress ?? (() => {})
  const { config, sources, byName, zones, resolver } = await loadRepository(options)

  progress({ phase: 'parse' })
  const spf = collectSpf(sources.records)

  progress({ phase: 'walk', total: spf.length })
  await walkAll(spf, resolver, (done) => progress({ phase: 'walk', done, total: spf.length }))

  progress({ phase: 'rules' })
  const severities = severityOverrides(config)
  const raw = await runRules(
    {
      records: sources.records,
      byName,
      zones,
      spf,
      diagnostics: sources.diagnostics,
      options: toRuleOptions(config),
      resolver,
    },
    severities,
  )
  const findings = finish(raw, sources, severities)
  return { findings, spf, records: sources.records, files: sources.files, config, resolver }
}

function collectSpf(records: readonly ZoneRecord[]): SpfEntry[] {
  const entries: SpfEntry[] = []
  for (const record of records) {
    if (record.txt && isSpfRecordText(record.txt.text))
      entries.push({ record, spf: parseSpf(record.txt.text) })
  }
  return entries
}

interface RunInput {
  records: ZoneRecord[]
  byName: ReadonlyMap<string, readonly ZoneRecord[]>
  zones: ReadonlySet<string>
  spf: SpfEntry[]
  diagnostics: SourceDiagnostic[]
  options: RuleOptions
  resolver: Resolver
}

async function runRules(
  input: RunInput,
  severities: Map<string, Severity | 'off'>,
): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const rule of rules) {
    if (severities.get(rule.code) === 'off') continue
    const ctx: RuleContext = {
      records: input.records,
      byName: input.byName,
      zones: input.zones,
      spf: input.spf,
      sourceDiagnostics: input.diagnostics,
      options: input.options,
      resolver: input.resolver,
      report: (f) => findings.push(makeFinding(rule, f.location, f.message, f.name)),
    }
    await rule.check(ctx)
  }
  return findings
}

function makeFinding(
  rule: Rule,
  location: Finding['location'],
  message: string,
  name?: string,
): Finding {
  const finding: Finding = {
    ruleId: rule.code,
    rule: rule.name,
    severity: rule.severity,
    message,
    location,
  }
  if (name !== undefined) finding.name = name
  return finding
}

/** Apply configured severities and suppressions, report unused suppressions, sort. */
function finish(
  raw: Finding[],
  sources: SourceResult,
  severities: Map<string, Severity | 'off'>,
): Finding[] {
  const { kept, unused } = applySuppressions(raw, sources.suppressions, sources.records)
  const findings = kept.map((f) => {
    const severity = severities.get(f.ruleId)
    return severity && severity !== 'off' ? { ...f, severity } : f
  })
  if (severities.get(unusedSuppressionRule.code) !== 'off') {
    for (const s of unused)
      findings.push(unusedFinding(s, severities.get(unusedSuppressionRule.code)))
  }
  return dedupe(findings.sort(compareFindings))
}

/** One problem reached from several trees or files is reported once. */
function dedupe(sorted: Finding[]): Finding[] {
  const seen = new Set<string>()
  return sorted.filter((f) => {
    const key = `${f.ruleId}\0${f.location.file.absPath}\0${f.location.start}\0${f.location.end}\0${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function unusedFinding(s: Suppression, severity: Severity | 'off' | undefined): Finding {
  const what = s.rules.length ? s.rules.join(', ') : 'all rules'
  const finding = makeFinding(
    unusedSuppressionRule,
    s.location,
    `suppression of ${what} matches no finding; remove it`,
  )
  if (severity && severity !== 'off') finding.severity = severity
  return finding
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.location.file.path.localeCompare(b.location.file.path) ||
    a.location.start - b.location.start ||
    severityRank[a.severity] - severityRank[b.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  )
}

function severityOverrides(config: SpfLintConfig): Map<string, Severity | 'off'> {
  const map = new Map<string, Severity | 'off'>()
  for (const [key, value] of Object.entries(config.rules ?? {})) {
    const rule = rules.find((r) => r.code === key.toUpperCase() || r.name === key.toLowerCase())
    if (rule) map.set(rule.code, value)
  }
  return map
}

/** Resolve positions and counts into the plain report every reporter prints. */
export function toReport(result: LintResult): Report {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...resolveLocation(f.location),
    name: f.name ?? null,
  }))
  const records: ReportedRecord[] = result.spf.map((entry) => {
    const at = resolveLocation(entry.record.rdataLocation)
    const tree = entry.tree
    return {
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
  })
  return {
    tool: { name: 'spf-lint', version: VERSION },
    findings,
    records,
    summary: {
      files: result.files.length,
      records: result.records.length,
      spfRecords: result.spf.length,
      ...countBySeverity(findings),
    },
  }
}
