/**
 * A rule is data plus a function (ESLint's shape): its stable code and name, its default
 * severity, a one-line description, and `check`, which reports findings through the context.
 * Rules see records, parsed SPF and lookup trees; they know nothing about files on disk,
 * GitHub, or how findings are printed.
 */
import type { Severity } from '../model/finding.js'
import type { ZoneRecord } from '../model/record.js'
import type { NameIndex } from '../model/name-index.js'
import type { Location } from '../model/source.js'
import type { Resolver } from '../dns/resolver.js'
import type { LockComparison } from '../dns/setup.js'
import type { SpfRecord } from '../spf/types.js'
import type { LookupTree } from '../spf/tree.js'
import type { SourceDiagnostic } from '../sources/types.js'

export const DOCS_BASE = 'https://github.com/spf-lint/spf-lint/blob/main/docs/rules/'

export function docsUrl(code: string): string {
  return `${DOCS_BASE}${code}.md`
}

/** One TXT (or SPF type 99) record that is an SPF record (RFC 7208 §4.5), parsed. */
export interface SpfEntry {
  record: ZoneRecord
  spf: SpfRecord
  /** The worst-case lookup tree, once the walk has run (see `spf/walk.ts`). */
  tree?: LookupTree
}

/** Settings rules may read; every field has a default (see `config.ts`). */
export interface RuleOptions {
  /** SPF202 warns at this many lookups and above (default 9). */
  lookupWarningThreshold: number
  /** SPF306: shortest acceptable prefixes (defaults 16 and 32). */
  minPrefix4: number
  minPrefix6: number
  /** SPF308: for each domain, the senders that must evaluate to `pass`. */
  senders: SenderDeclaration[]
}

export interface SenderDeclaration {
  domain: string
  ip: string
  helo?: string
  /** Where the declaration is written (the configuration file). */
  location?: Location
}

export interface ReportInput {
  location: Location
  message: string
  name?: string
}

export interface RuleContext {
  /** Every record of the run, from every file and format. */
  readonly records: readonly ZoneRecord[]
  /**
   * Records grouped by owner name across all files (lower-case, no trailing dot); its record
   * indexes are positions in `records`.
   */
  readonly byName: NameIndex
  /** The zone apexes the repository defines. */
  readonly zones: ReadonlySet<string>
  /** Every SPF record found, parsed. */
  readonly spf: readonly SpfEntry[]
  /** Problems the source readers found (SPF401-SPF404). */
  readonly sourceDiagnostics: readonly SourceDiagnostic[]
  readonly options: RuleOptions
  /** The run's resolver: repository zones first, then whatever is enabled. */
  readonly resolver: Resolver
  /** Live DNS alone, without the repository layer; set only when live checks are on (SPF6xx). */
  readonly live?: Resolver
  /** The provider lock file against this run's live answers; live checks with a lock (SPF603). */
  readonly lock?: LockComparison
  report(finding: ReportInput): void
}

export interface Rule {
  /** Stable code (`SPF101`): never renumbered, never reused. */
  code: string
  /** Kebab-case alias accepted wherever the code is (`unknown-mechanism`). */
  name: string
  severity: Severity
  description: string
  check(ctx: RuleContext): void | Promise<void>
}
