/**
 * The pipeline, and nothing else: sources -> records -> SPF engine -> rules -> findings.
 * Entry points (cli.ts, action.ts) call `lint()` and hand the result to a reporter.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { ZoneRecord } from './model/record.js'
import type { NameIndex } from './model/name-index.js'
import type { SourceFile } from './model/source.js'
import type { Resolver } from './dns/resolver.js'
import { CachingResolver, LayeredResolver } from './dns/resolver.js'
import { ZoneResolver, indexRecords } from './dns/zone.js'
import { setupDns } from './dns/setup.js'
import type { DnsSetup, LiveSettings, LiveSummary } from './dns/setup.js'
import { parseSpf } from './spf/parse.js'
import { isSpfRecordText, type SpfRecord } from './spf/types.js'
import { findRule, rules } from './rules/index.js'
import type { Finding, Severity } from './model/finding.js'
import { finish, makeFinding, severityOverrides } from './findings.js'

export { compareFindings } from './findings.js'
export { toReport, toReportParts } from './report/build.js'
import type { RuleContext, RuleOptions, SpfEntry } from './rules/types.js'
import type { SourceDiagnostic, SourceResult } from './sources/types.js'
import { filesLikeZones, loadSources, NO_ZONE_FILES } from './sources/index.js'
import { walkAll } from './spf/walk-all.js'
import { loadConfig, toRuleOptions, type SpfLintConfig } from './config.js'
import { Deadline, deadlineMessage, defaultLimits } from './limits.js'
import { appendAll } from './sources/types.js'

export interface LintOptions {
  /** Files or directories to lint (default: the root). */
  paths?: string[]
  /** Also read files whose names do not look like zones when their content does. */
  zonesByContent?: boolean
  /** The linted root: nothing outside it is ever read (default: the working directory). */
  root?: string
  /** Working directory that reported paths are relative to. */
  cwd?: string
  /** Configuration file; default `.spf-lint.yml` in the root when present. */
  configPath?: string
  /** Extra resolver layers after the repository's zones, the lock file and live DNS. */
  resolvers?: Resolver[]
  /**
   * Live DNS for names outside the repository (`true` or settings), and the SPF6xx checks.
   * Unset: as the configuration's `live.enabled` says; `false`: off.
   */
  live?: boolean | LiveSettings
  /** The provider lock file (default `spf-lint.lock.json` in the root); used offline when present. */
  lockFile?: string
  /** Write the lock file from this run's live answers. */
  updateLock?: boolean
  /** Called as work progresses (phase names and counts), for progress displays. */
  onProgress?: (event: ProgressEvent) => void
  /** Time for the whole run in milliseconds (default: the configuration's limits.timeoutSeconds). */
  timeoutMs?: number
}

/**
 * `read`, `parse`, `walk` (once per record: its owner `name`, its count as `detail`, and
 * `queries` so far when live DNS is on), `live` (as each live query is sent), `rules`.
 */
export interface ProgressEvent {
  phase: string
  done?: number
  total?: number
  detail?: string
  name?: string
  queries?: number
}

export interface LintResult {
  findings: Finding[]
  spf: SpfEntry[]
  records: ZoneRecord[]
  files: SourceFile[]
  config: SpfLintConfig
  resolver: Resolver
  /** Live DNS figures and the lock file written, when live DNS was on. */
  live?: LiveSummary
  /** The lock file that answered for names outside the repository (live DNS off). */
  lockUsed?: string
  /** Set when the run hit its time limit: why it stopped; the findings are incomplete. */
  stopped?: string
  /** Zone files read (the configuration file is not one). */
  zoneFilesRead: number
  /**
   * When no zone file was read and content was not looked at: the files `--by-content` would
   * read as zones (`zones/example.com`), for the message that says how to lint them.
   */
  zoneLike?: string[]
}

/**
 * Whether the run found nothing to lint: no zone file read and nothing reported (a file that
 * could not be read is reported, and is not "nothing").
 */
export function readNothing(result: Pick<LintResult, 'zoneFilesRead' | 'findings'>): boolean {
  return result.zoneFilesRead === 0 && result.findings.length === 0
}

/** What a run that read nothing says, with the files that look like zones when there are some. */
export function nothingReadMessage(result: Pick<LintResult, 'zoneLike'>, remedy: string): string {
  const like = result.zoneLike ?? []
  if (like.length === 0) return `${NO_ZONE_FILES}; ${remedy}`
  const shown =
    like.slice(0, 3).join(', ') + (like.length > 3 ? `, and ${like.length - 3} more` : '')
  const count =
    like.length === 1 ? '1 file looks like a zone' : `${like.length} files look like zones`
  return `${NO_ZONE_FILES}; ${count} by content (${shown}): ${remedy}`
}

/** The repository as loaded: configuration, records, and the resolver over them. */
export interface Repository {
  config: SpfLintConfig
  sources: SourceResult
  byName: NameIndex
  zones: Set<string>
  resolver: Resolver
  dns: DnsSetup
  zoneFilesRead: number
  zoneLike: string[] | undefined
}

/** Read the configuration and every zone under the targets; build the layered resolver. */
export async function loadRepository(
  options: LintOptions = {},
  deadline?: Deadline,
): Promise<Repository> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const root =
    options.root !== undefined ? path.resolve(cwd, options.root) : defaultRoot(cwd, options.paths)
  const loaded = await loadConfig(options.configPath, root, cwd, {
    isKnownRule: (key) => findRule(key) !== undefined,
  })
  const config = loaded.config
  if (options.timeoutMs === undefined) deadline?.setLimit(config.limits.timeoutSeconds * 1000)
  const targets = (options.paths?.length ? options.paths : (config.paths ?? ['.'])).map(
    (p: string) => path.resolve(cwd, p),
  )
  options.onProgress?.({ phase: 'read' })
  const ctx = { root, cwd, limits: config.limits }
  const sources = await loadSources(targets, ctx, {
    ignore: config.ignore ?? [],
    byContent: options.zonesByContent ?? false,
  })
  const zoneFilesRead = sources.files.length
  const zoneLike =
    zoneFilesRead === 0 && !options.zonesByContent
      ? filesLikeZones(targets, ctx, config.ignore ?? [])
      : undefined
  if (loaded.file) sources.files.push(loaded.file)
  appendAll(sources.diagnostics, loaded.diagnostics)
  const { byName, zones } = indexRecords(sources.records)
  const dns = await setupDns({
    ...options,
    root,
    cwd,
    config: config.live,
    zones,
    onQuery: (queries) => options.onProgress?.({ phase: 'live', queries }),
  })
  const resolver = new CachingResolver(
    new LayeredResolver([
      new ZoneResolver(byName, zones),
      ...dns.layers,
      ...(options.resolvers ?? []),
    ]),
  )
  return { config, sources, byName, zones, resolver, dns, zoneFilesRead, zoneLike }
}

export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const progress = options.onProgress ?? (() => {})
  const deadline = new Deadline(options.timeoutMs ?? defaultLimits.timeoutSeconds * 1000)
  try {
    return await lintWithin(options, progress, deadline)
  } finally {
    deadline.dispose()
  }
}

async function lintWithin(
  options: LintOptions,
  progress: (event: ProgressEvent) => void,
  deadline: Deadline,
): Promise<LintResult> {
  // Reading is synchronous per file and cannot be cut short; past the deadline, nothing found.
  const repository = await deadline.race(loadRepository(options, deadline))
  if (!repository) throw new Error(deadlineMessage(deadline, 'reading the zone files'))
  const { config, sources, byName, zones, resolver, dns, zoneFilesRead, zoneLike } =
    repository.value

  progress({ phase: 'parse' })
  const { entries: spf, parsed } = collectSpf(sources.records)

  progress({ phase: 'walk', total: spf.length })
  dns.warm(spf.map((entry) => entry.record.name))
  const walked = (done: number, entry: SpfEntry) => {
    const queries = dns.queries()
    const t = entry.tree?.total
    const detail = t ? `${t.unknown ? 'at least ' : ''}${t.lookups} DNS lookups` : undefined
    const event = { phase: 'walk', done, total: spf.length, name: entry.record.name, detail }
    progress(queries === undefined ? event : { ...event, queries })
  }
  const { maxLookupDepth, maxLookupNames } = config.limits
  const limits = {
    maxDepth: maxLookupDepth,
    maxNodes: maxLookupNames,
    stop: () => deadline.expired,
  }
  await walkAll(spf, resolver, walked, { prefetch: dns.live !== undefined, limits, parsed })
  // Trees walked after the deadline are truncated; the rules still run on what was found.
  const stopped = deadline.expired ? deadlineMessage(deadline, 'walking lookup trees') : undefined

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
      ...(dns.live ? { live: dns.live } : {}),
      ...(dns.lock ? { lock: dns.lock } : {}),
    },
    severities,
  )
  const findings = finish(raw, sources, severities)
  const live = await dns.finish()
  return {
    findings,
    spf,
    records: sources.records,
    files: sources.files,
    config,
    resolver,
    ...(live ? { live } : {}),
    ...(dns.lockUsed ? { lockUsed: dns.lockUsed } : {}),
    ...(stopped ? { stopped } : {}),
    zoneFilesRead,
    ...(zoneLike ? { zoneLike } : {}),
  }
}

/** Every SPF record, parsed; and the parsed records by text, which the walk goes on with. */
function collectSpf(records: readonly ZoneRecord[]): {
  entries: SpfEntry[]
  parsed: Map<string, SpfRecord>
} {
  const entries: SpfEntry[] = []
  // Many names publish the same text (`v=spf1 -all`); parsing is pure, so parse it once.
  const parsed = new Map<string, SpfRecord>()
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as ZoneRecord
    const text = record.txt?.text
    if (text === undefined || !isSpfRecordText(text)) continue
    let spf = parsed.get(text)
    if (!spf) parsed.set(text, (spf = parseSpf(text)))
    // `tree` is set by the walk: present from the start, it is stored in the entry itself.
    entries.push({ record, spf, tree: undefined })
  }
  return { entries, parsed }
}

interface RunInput {
  records: ZoneRecord[]
  byName: NameIndex
  zones: ReadonlySet<string>
  spf: SpfEntry[]
  diagnostics: SourceDiagnostic[]
  options: RuleOptions
  resolver: Resolver
  live?: Resolver
  lock?: RuleContext['lock']
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
      ...(input.live ? { live: input.live } : {}),
      ...(input.lock ? { lock: input.lock } : {}),
      report: (f) => findings.push(makeFinding(rule, f.location, f.message, f.name)),
    }
    await rule.check(ctx)
  }
  return findings
}

/**
 * The linted root when none is given: the working directory, as for any linter run from a
 * repository; when the paths named lie outside it (`spf-lint ~/src/dns`), the folder that holds
 * them all, so that naming a repository lints it without reading anything beside it.
 */
function defaultRoot(cwd: string, paths: string[] | undefined): string {
  const targets = (paths ?? []).map((p) => path.resolve(cwd, p))
  if (targets.every((t) => isWithin(cwd, t))) return cwd
  const folders = targets.map((t) =>
    existsSync(t) && !statSync(t).isDirectory() ? path.dirname(t) : t,
  )
  return folders.reduce((common, folder) => {
    while (!isWithin(common, folder)) common = path.dirname(common)
    return common
  })
}

function isWithin(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}
