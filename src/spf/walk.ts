/**
 * Builds the worst-case lookup tree (see tree.ts). Bounded: the walk stops at a depth and a
 * node budget so that hostile graphs (1000 names, fan-out, cycles) finish quickly, and every
 * (name, type) is asked of the resolver once per run (the resolver caches).
 *
 * The walk is synchronous: a tree is walked in passes, each answered from memory (the
 * repository's zones, the cache). A pass that needs an answer that is not at hand yet stops
 * there (or, when warming a cache, leaves that branch for later and goes on), the answer is
 * awaited, and the next pass walks the tree again from the top (`dns/late.ts`). On a large repository nearly
 * every tree takes one pass, with no promise per node.
 */
import { LateAnswers, NotAtHand } from '../dns/late.js'
import { isVoidAnswer, normalizeName } from '../dns/resolver.js'
import type { Answer, MxAnswer, RecordTypes, Resolver, RRType, TxtAnswer } from '../dns/resolver.js'
import type { ZoneRecord } from '../model/record.js'
import { parseSpf } from './parse.js'
import type { LookupKind, LookupNode, LookupTree, SubtreeTotals, TermOrigin } from './tree.js'
import type { Mechanism, Modifier, SpfRecord, Term } from './types.js'
import { hasSyntaxError, isSpfRecordText } from './types.js'

export interface WalkLimits {
  /** Include/redirect nesting beyond which the walk stops (RFC 7208 limits make 10 enough). */
  maxDepth: number
  /** Total nodes in one tree. */
  maxNodes: number
  /**
   * Ask for every answer a pass lacks at once instead of one at a time, for a slow (live)
   * resolver. The tree is the same: the last pass has every answer and walks in order.
   */
  parallel?: boolean
  /** The run's time limit: once true, every branch not yet walked is truncated. */
  stop?: () => boolean
}

export const defaultLimits: WalkLimits = { maxDepth: 12, maxNodes: 2000 }

/** The SPF record published at a name, as seen through the resolver. */
type SpfLookup =
  | { status: 'ok'; spf: SpfRecord; text: string; source?: ZoneRecord }
  | {
      status: 'no-spf' | 'multiple-spf' | 'syntax-error'
      detail: string
      text?: string
    }
  | { status: 'unknown'; detail: string; outside?: string }
  | { status: 'void'; detail: string }
  | { status: 'error'; detail: string }

/**
 * Parsed records by text, per resolver (one resolver serves one run): a record included from
 * many trees, or published at many names, is parsed once. Parsing is pure, so sharing is safe.
 */
const parsedByResolver = new WeakMap<Resolver, Map<string, SpfRecord>>()

function parsedCache(resolver: Resolver): Map<string, SpfRecord> {
  let cache = parsedByResolver.get(resolver)
  if (!cache) parsedByResolver.set(resolver, (cache = new Map()))
  return cache
}

/**
 * Let walks over `resolver` reuse the records already parsed (the repository's own), by text.
 * The first map given becomes the resolver's cache as it is: walks add what they parse to it.
 */
export function shareParsed(resolver: Resolver, byText: Map<string, SpfRecord>): void {
  const cache = parsedByResolver.get(resolver)
  if (cache === undefined) parsedByResolver.set(resolver, byText)
  else if (cache !== byText) byText.forEach((spf, text) => cache.has(text) || cache.set(text, spf))
}

/** The SPF record at `domain`, from the answers this pass has. */
function fetchSpf(state: WalkState, domain: string): SpfLookup {
  const answer = ask(state, domain, 'TXT')
  if (answer.status === 'unknown')
    return answer.outside === undefined
      ? { status: 'unknown', detail: `${domain} is outside the repository` }
      : { status: 'unknown', detail: aliasDetail(domain, answer.outside), outside: answer.outside }
  if (answer.status === 'error') return { status: 'error', detail: `${domain}: ${answer.error}` }
  if (answer.status === 'nxdomain')
    return { status: 'void', detail: `${domain} does not exist (NXDOMAIN)` }
  if (answer.status === 'nodata') return { status: 'void', detail: `${domain} has no TXT records` }
  const spfs = answer.records.filter((r: TxtAnswer) => isSpfRecordText(r.text))
  if (spfs.length === 0)
    return { status: 'no-spf', detail: `${domain} has TXT records but no SPF record` }
  if (spfs.length > 1)
    return { status: 'multiple-spf', detail: `${domain} has ${spfs.length} SPF records` }
  const only = spfs[0] as TxtAnswer
  const cache = state.walk.parsed
  let spf = cache.get(only.text)
  if (!spf) cache.set(only.text, (spf = parseSpf(only.text)))
  if (hasSyntaxError(spf)) {
    return {
      status: 'syntax-error',
      detail: `the SPF record of ${domain} has a syntax error`,
      text: only.text,
    }
  }
  return only.source
    ? { status: 'ok', spf, text: only.text, source: only.source }
    : { status: 'ok', spf, text: only.text }
}

export async function walkRecord(
  domain: string,
  spf: SpfRecord,
  resolver: Resolver,
  source?: ZoneRecord,
  limits: WalkLimits = defaultLimits,
): Promise<LookupTree> {
  return walkTree(domain, spf, resolver, source, limits)
}

/**
 * `walkRecord()`, with the tree itself when every answer was at hand: on a large repository
 * that is nearly every tree, and a promise for each would cost more than the walk.
 */
export function walkTree(
  domain: string,
  spf: SpfRecord,
  resolver: Resolver,
  source?: ZoneRecord,
  limits: WalkLimits = defaultLimits,
): LookupTree | Promise<LookupTree> {
  const walk: Walk = {
    domain,
    spf,
    source,
    resolver,
    limits,
    parsed: parsedCache(resolver),
    late: undefined,
  }
  const first = tryPass(walk)
  return first instanceof Promise ? walkLater(walk, first) : first
}

/** The passes after the first: each once an answer the one before lacked has come. */
async function walkLater(walk: Walk, coming: Promise<unknown>): Promise<LookupTree> {
  for (;;) {
    await coming
    const next = tryPass(walk)
    if (!(next instanceof Promise)) return next
    coming = next
  }
}

/** One pass: the tree, when the pass lacked no answer; otherwise what to wait for. */
function tryPass(walk: Walk): LookupTree | Promise<unknown> {
  const state: WalkState = { nodes: 0, walk, waiting: [] }
  let root: LookupNode
  try {
    root = walkPass(walk.domain, walk.spf, walk.source, state)
  } catch (err) {
    if (!(err instanceof NotAtHand)) throw err
    return err.answer
  }
  // Walk again as soon as any of them has come: each branch goes on as its answer comes.
  if (state.waiting.length > 0) return Promise.race(state.waiting)
  sumTotals(root)
  return { root, total: root.totals }
}

function walkPass(
  domain: string,
  spf: SpfRecord,
  source: ZoneRecord | undefined,
  state: WalkState,
): LookupNode {
  const root: LookupNode = {
    kind: 'root',
    term: domain,
    domain,
    cost: 0,
    status: 'ok',
    record: spf.text,
    totals: NOT_SUMMED,
    children: [],
  }
  walkTerms(root, domain, spf, source, [domain], state)
  return root
}

/** One record's walk, over all its passes. */
interface Walk {
  domain: string
  spf: SpfRecord
  source: ZoneRecord | undefined
  resolver: Resolver
  limits: WalkLimits
  /** The run's parsed records by text (`shareParsed`). */
  parsed: Map<string, SpfRecord>
  /** The answers that were not at hand, made when the first is missing (few walks miss one). */
  late: LateAnswers<string> | undefined
}

interface WalkState {
  nodes: number
  walk: Walk
  /** Parallel passes: the answers this pass went without, being asked. */
  waiting: Promise<unknown>[]
}

/** While a parallel pass waits for this answer, its branch counts as not known yet. */
const NOT_YET: Answer<never> = { status: 'unknown' }

/**
 * The answer at hand for (name, type): from the resolver's memory, or one that came late in an
 * earlier pass. Otherwise the query is sent and a sequential pass stops (`NotAtHand`); a
 * parallel pass goes on without it.
 */
function ask<T extends RRType>(state: WalkState, name: string, type: T): Answer<RecordTypes[T]> {
  const walk = state.walk
  const now = walk.resolver.resolveSync?.(name, type)
  if (now !== undefined) return now
  walk.late ??= new LateAnswers(walk.resolver)
  const late = walk.late.get(`${type} ${name}`, name, type)
  if (!(late instanceof Promise)) return late
  if (!walk.limits.parallel) throw new NotAtHand(late)
  state.waiting.push(late)
  return NOT_YET
}

function walkTerms(
  parent: LookupNode,
  domain: string,
  spf: SpfRecord,
  source: ZoneRecord | undefined,
  path: string[],
  state: WalkState,
): void {
  const children: LookupNode[] = []
  let sawAll = false
  const terms = spf.terms
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k] as Term
    if (term.type !== 'mechanism') continue
    if (term.name === 'all') {
      // §5.1: mechanisms after "all" are never evaluated, and redirect is ignored (§6.1).
      sawAll = true
      break
    }
    // ip4 and ip6 query nothing and add no node (§5.6); large provider records are mostly these.
    if (term.name === 'ip4' || term.name === 'ip6') continue
    const node = hasTargetProblem(spf, term)
      ? badTermNode(term, domain, source)
      : walkMechanism(term, domain, source, path, state)
    if (node) children.push(node)
  }
  const redirect = !sawAll ? spf.redirect : undefined
  if (redirect) {
    const last = hasTargetProblem(spf, redirect)
      ? badTermNode(redirect, domain, source)
      : walkTarget('redirect', redirect, domain, source, path, state)
    if (last) children.push(last)
  }
  // A list of its exact size (one grown by push keeps room for 17): trees last the whole run.
  if (children.length > 0) parent.children = children.slice()
}

/**
 * A term whose own text is malformed (an IP where a domain belongs, an empty label): receivers
 * never query it, so neither do we; it still costs its lookup where receivers count it.
 */
function hasTargetProblem(spf: SpfRecord, term: Mechanism | Modifier): boolean {
  // Nearly every record has no problem at all: then no closure is made per term.
  if (spf.problems.length === 0) return false
  return spf.problems.some(
    (p) =>
      (p.permerror || p.kind === 'invalid-domain-spec') &&
      p.span.start >= term.span.start &&
      p.span.end <= term.span.end,
  )
}

function badTermNode(
  term: Mechanism | Modifier,
  domain: string,
  source: ZoneRecord | undefined,
): LookupNode | undefined {
  if (
    term.type === 'mechanism' &&
    (term.name === 'ip4' || term.name === 'ip6' || term.name === 'all')
  ) {
    return undefined
  }
  const kind: LookupKind = term.type === 'modifier' ? 'redirect' : (term.name as LookupKind)
  const node = newNode(kind, term, domain, source)
  node.status = 'syntax-error'
  node.detail = `"${term.text}" is malformed and is not looked up`
  return node
}

function origin(
  domain: string,
  term: Mechanism | Modifier,
  source: ZoneRecord | undefined,
): TermOrigin {
  return source
    ? { recordName: domain, span: term.span, source }
    : { recordName: domain, span: term.span }
}

function newNode(
  kind: LookupKind,
  term: Mechanism | Modifier,
  domain: string,
  source: ZoneRecord | undefined,
): LookupNode {
  // Every field the walk may set later is in the literal: a tree can hold a million nodes, and a
  // field added after creation goes to a separate store.
  return {
    kind,
    term: term.text,
    domain: undefined,
    cost: 1,
    status: 'ok',
    detail: undefined,
    record: undefined,
    origin: origin(domain, term, source),
    outside: undefined,
    mxNames: undefined,
    voidHosts: undefined,
    totals: NOT_SUMMED,
    children: [],
  }
}

/** The literal target of a term, or undefined when it has macros (§7: sender-dependent). */
function literalTarget(term: Mechanism | Modifier, domain: string): string | undefined {
  const spec = term.type === 'modifier' ? term.value : term.domainSpec
  if (!spec) return domain
  if (spec.macros.length > 0 || spec.text.includes('%')) return undefined
  return normalizeName(spec.text)
}

function walkMechanism(
  term: Mechanism,
  domain: string,
  source: ZoneRecord | undefined,
  path: string[],
  state: WalkState,
): LookupNode | undefined {
  switch (term.name) {
    case 'include':
      return walkTarget('include', term, domain, source, path, state)
    case 'a':
    case 'mx':
    case 'exists':
    case 'ptr':
      return walkQuery(term, domain, source, state)
    default:
      return undefined
  }
}

/**
 * The node of a DNS-querying term and its literal target. A target with macros depends on the
 * sender (§7), so nothing below it can be walked: the node is marked and the target is undefined.
 */
function termNode(
  kind: LookupKind,
  term: Mechanism | Modifier,
  domain: string,
  source: ZoneRecord | undefined,
  state: WalkState,
): { node: LookupNode; target: string | undefined } {
  const node = newNode(kind, term, domain, source)
  state.nodes++
  const target = literalTarget(term, domain)
  if (target === undefined) {
    node.status = 'macro'
    node.detail = 'the target depends on the sender (macro)'
  } else {
    node.domain = target
  }
  return { node, target }
}

function walkQuery(
  term: Mechanism,
  domain: string,
  source: ZoneRecord | undefined,
  state: WalkState,
): LookupNode {
  const kind = term.name as LookupKind
  const { node, target } = termNode(kind, term, domain, source, state)
  if (target === undefined) return node
  if (kind === 'ptr') {
    // The names checked depend on the connecting IP (§5.5); its own cost is all that counts.
    node.detail = "ptr depends on the sender's reverse DNS"
    return node
  }
  if (kind === 'mx') {
    const mx = ask(state, target, 'MX')
    applyStatus(node, mx, target, 'MX')
    if (mx.status === 'ok') {
      node.mxNames = mx.records.length
      if (mx.records.length > 10) {
        node.status = 'too-many-mx'
        node.detail = `${target} has ${mx.records.length} MX hosts; receivers permerror past 10 (RFC 7208 §4.6.4)`
        return node
      }
      const hosts = mxHostAddresses(mx.records, state)
      if (hosts) {
        const details: string[] = []
        if (hosts.empty) {
          node.voidHosts = hosts.empty.length
          details.push(
            `MX ${hosts.empty.length === 1 ? 'host' : 'hosts'} with no address: ${hosts.empty.join(', ')}`,
          )
        }
        if (hosts.failed) {
          node.status = 'error'
          details.push(`address lookup failed for MX ${hosts.failed.join(', ')}`)
        }
        node.detail = details.join('; ')
      }
    }
    return node
  }
  // a and exists: an IPv4 sender asks A only; the term is void for every sender only when
  // the name has neither A nor AAAA records (exists always asks A, §5.7). With no A records,
  // the AAAA answer decides: a failing AAAA query is a temperror for IPv6 senders.
  const a = ask(state, target, 'A')
  if (kind === 'a' && isVoidAnswer(a)) {
    applyStatus(node, ask(state, target, 'AAAA'), target, 'A/AAAA')
    return node
  }
  applyStatus(node, a, target, 'A')
  return node
}

/**
 * The MX hosts whose address queries come back empty whatever the sender's address family
 * (neither A nor AAAA records: a void lookup for every sender, as for `a` above), and those
 * whose address query fails, each with its error: check_host() returns temperror for them
 * (§5.4), as for a failing `a`. A host with A records is not asked for AAAA, as an IPv4 sender
 * does not ask. Hosts outside the known zones (`unknown`) are not counted; a null MX (RFC 7505)
 * names no host.
 */
function mxHostAddresses(
  records: MxAnswer[],
  state: WalkState,
): { empty?: string[]; failed?: string[] } | undefined {
  // Made only when a host has something to say: nearly every MX host has an address.
  let empty: string[] | undefined
  let failed: string[] | undefined
  for (const mx of records) {
    const host = normalizeName(mx.exchange)
    if (host === '') continue
    let answer = ask(state, host, 'A')
    if (isVoidAnswer(answer)) answer = ask(state, host, 'AAAA')
    if (isVoidAnswer(answer)) (empty ??= []).push(host)
    else if (answer.status === 'error') (failed ??= []).push(`${host} (${answer.error})`)
  }
  return empty || failed ? { empty, failed } : undefined
}

/** How an alias in the repository leads out of it. */
function aliasDetail(name: string, outside: string): string {
  return `${name} is an alias of ${outside}, which is outside the repository`
}

function applyStatus(
  node: LookupNode,
  answer: { status: string; error?: string; outside?: string },
  target: string,
  type: string,
): void {
  if (answer.status === 'nxdomain') {
    node.status = 'void'
    node.detail = `${target} does not exist (NXDOMAIN)`
  } else if (answer.status === 'nodata') {
    node.status = 'void'
    node.detail = `${target} has no ${type} records`
  } else if (answer.status === 'unknown') {
    node.status = 'unknown'
    if (answer.outside === undefined) node.detail = `${target} is outside the repository`
    else {
      node.outside = answer.outside
      node.detail = aliasDetail(target, answer.outside)
    }
  } else if (answer.status === 'error') {
    node.status = 'error'
    node.detail = `${target}: ${answer.error ?? 'DNS error'}`
  }
}

function walkTarget(
  kind: 'include' | 'redirect',
  term: Mechanism | Modifier,
  domain: string,
  source: ZoneRecord | undefined,
  path: string[],
  state: WalkState,
): LookupNode {
  const { node, target } = termNode(kind, term, domain, source, state)
  if (target === undefined) return node
  if (path.includes(target)) {
    node.status = 'loop'
    node.detail = `${[...path, target].join(' -> ')}`
    return node
  }
  const truncated = truncation(path.length, state)
  if (truncated) {
    node.status = 'truncated'
    node.detail = truncated
    return node
  }
  const found = fetchSpf(state, target)
  if (found.status !== 'ok') {
    node.status = found.status
    node.detail = found.detail
    if ('text' in found && found.text !== undefined) node.record = found.text
    if ('outside' in found) node.outside = found.outside
    return node
  }
  node.record = found.text
  walkTerms(node, target, found.spf, found.source, [...path, target], state)
  return node
}

/** Why the walk may go no further here, or undefined. */
function truncation(depth: number, state: WalkState): string | undefined {
  const { maxDepth, maxNodes, stop } = state.walk.limits
  if (depth > maxDepth) return `includes nested more than ${maxDepth} deep (limits.maxLookupDepth)`
  if (state.nodes > maxNodes)
    return `the lookup tree reaches more than ${maxNodes} names (limits.maxLookupNames)`
  if (stop?.()) return "the run's time limit was reached (limits.timeoutSeconds)"
  return undefined
}

/**
 * A tree can hold a million nodes, most of them leaves: their totals take a few values, and a
 * leaf's empty list of children is one shared, frozen array. `NOT_SUMMED` stands until
 * `sumTotals` has run.
 */
const NOT_SUMMED: SubtreeTotals = Object.freeze({ lookups: 0, voidLookups: 0, unknown: false })
const NO_CHILDREN = Object.freeze([]) as unknown as LookupNode[]
/**
 * Totals are immutable and take few values: those of up to 63 lookups and 3 void lookups are made
 * once and shared by every node that has them (a tree per SPF record of a million-record zone).
 */
const SHARED_TOTALS: (SubtreeTotals | undefined)[] = new Array(512)

function totalsOf(lookups: number, voidLookups: number, unknown: boolean): SubtreeTotals {
  if (lookups > 63 || voidLookups > 3) return { lookups, voidLookups, unknown }
  const key = (lookups << 3) | (voidLookups << 1) | (unknown ? 1 : 0)
  return (SHARED_TOTALS[key] ??= Object.freeze({ lookups, voidLookups, unknown }))
}

/** Post-order sums of costs, void lookups and unknown subtrees. */
function sumTotals(node: LookupNode): void {
  let lookups = node.cost
  let voids = (node.status === 'void' ? 1 : 0) + (node.voidHosts ?? 0)
  let unknown = node.status === 'unknown' || node.status === 'macro' || node.status === 'truncated'
  if (node.children.length === 0) {
    node.children = NO_CHILDREN
    node.totals = totalsOf(lookups, voids, unknown)
    return
  }
  for (const child of node.children) {
    sumTotals(child)
    lookups += child.totals.lookups
    voids += child.totals.voidLookups
    unknown ||= child.totals.unknown
  }
  node.totals = totalsOf(lookups, voids, unknown)
}
