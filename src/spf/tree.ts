/**
 * The worst-case lookup tree of one SPF record (RFC 7208 §4.6.4), independent of any sender:
 * every branch of the include/redirect graph is walked, and each DNS-querying term is counted
 * each time it is reached. Evaluators count along the path of one IP address; a static check
 * must count them all, because some sender will take the longest path.
 */
import type { ZoneRecord } from '../model/record.js'
import type { Span } from './types.js'

export type LookupKind = 'root' | 'include' | 'redirect' | 'a' | 'mx' | 'ptr' | 'exists'

/**
 * - `ok`: resolved and (for include/redirect) an SPF record was found and walked
 * - `void`: the query returned NXDOMAIN or no data (a void lookup, §4.6.4)
 * - `no-spf`: include/redirect target without an SPF record (permerror, §5.2, §6.1)
 * - `multiple-spf`: target with more than one SPF record (permerror, §4.5)
 * - `syntax-error`: target record fails to parse (permerror)
 * - `loop`: the target is already on the path from the root (include/redirect cycle)
 * - `macro`: the domain-spec has macros; the target depends on the sender (subtree unknown)
 * - `unknown`: outside the repository and no live DNS (subtree unknown)
 * - `error`: the query failed (temperror at receivers)
 * - `too-many-mx`: more than 10 MX names (permerror, §4.6.4)
 * - `truncated`: the walk stopped here (depth or size bound)
 */
export type LookupStatus =
  | 'ok'
  | 'void'
  | 'no-spf'
  | 'multiple-spf'
  | 'syntax-error'
  | 'loop'
  | 'macro'
  | 'unknown'
  | 'error'
  | 'too-many-mx'
  | 'truncated'

export interface SubtreeTotals {
  /** DNS-querying terms in this subtree, this node included. */
  lookups: number
  voidLookups: number
  /** True when some part below could not be resolved: `lookups` is then a lower bound. */
  unknown: boolean
}

export interface LookupNode {
  kind: LookupKind
  /** The term as written (`include:_spf.corp.example`), or the domain for the root. */
  term: string
  /** The name queried, when it is known without a sender (no macros). */
  domain?: string
  /** This term's own cost: 1 for a DNS-querying term, 0 for the root. */
  cost: number
  status: LookupStatus
  detail?: string
  /** The SPF record found at the target (include, redirect, root). */
  record?: string
  /** Where the term is written: the record that contains it, and its span in that record. */
  origin?: TermOrigin
  /**
   * For `unknown`: the name outside the repository that an alias at `domain` (CNAME, ALIAS)
   * leads to, when it is not `domain` itself.
   */
  outside?: string
  /** Number of MX hosts, for `mx` terms. */
  mxNames?: number
  /**
   * For `mx` terms: MX hosts with no address of either family. The address query of each is a
   * void lookup for every sender (§4.6.4, counted per query as pyspf and Mail::SPF count it).
   */
  voidHosts?: number
  totals: SubtreeTotals
  children: LookupNode[]
}

/** The record text a term belongs to; `source` is set when that record is in the repository. */
export interface TermOrigin {
  recordName: string
  span: Span
  source?: ZoneRecord
}

export interface LookupTree {
  root: LookupNode
  total: SubtreeTotals
}
