/**
 * Builds the worst-case lookup tree (see tree.ts). Bounded: the walk stops at a depth and a
 * node budget so that hostile graphs (1000 names, fan-out, cycles) finish quickly, and every
 * (name, type) is asked of the resolver once per run (the resolver caches).
 */
import type { Resolver, TxtAnswer } from '../dns/resolver.js'
import type { ZoneRecord } from '../model/record.js'
import { parseSpf } from './parse.js'
import type { LookupKind, LookupNode, LookupTree, SubtreeTotals, TermOrigin } from './tree.js'
import type { Mechanism, Modifier, SpfRecord } from './types.js'
import { hasSyntaxError, isSpfRecordText } from './types.js'

export interface WalkLimits {
  /** Include/redirect nesting beyond which the walk stops (RFC 7208 limits make 10 enough). */
  maxDepth: number
  /** Total nodes in one tree. */
  maxNodes: number
  /**
   * Walk the terms of a record concurrently instead of in order. Only for warming a cache over
   * a slow resolver: where the node budget runs out then depends on timing, so the tree a
   * parallel walk returns is not the reproducible one.
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
      status: 'no-spf' | 'multiple-spf' | 'unknown' | 'syntax-error'
      detail: string
      text?: string
    }
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

function parsed(resolver: Resolver, text: string): SpfRecord {
  const cache = parsedCache(resolver)
  let spf = cache.get(text)
  if (!spf) cache.set(text, (spf = parseSpf(text)))
  return spf
}

/** Let walks over `resolver` reuse the records already parsed (the repository's own). */
export function shareParsed(
  resolver: Resolver,
  entries: Iterable<{ record: ZoneRecord; spf: SpfRecord }>,
): void {
  const cache = parsedCache(resolver)
  for (const { record, spf } of entries) {
    const text = record.txt?.text
    if (text !== undefined && text === spf.text && !cache.has(text)) cache.set(text, spf)
  }
}

export async function fetchSpf(resolver: Resolver, domain: string): Promise<SpfLookup> {
  const answer = resolver.resolveSync?.(domain, 'TXT') ?? (await resolver.resolve(domain, 'TXT'))
  if (answer.status === 'unknown')
    return { status: 'unknown', detail: `${domain} is outside the repository` }
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
  const spf = parsed(resolver, only.text)
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
  const state = { nodes: 0, limits, resolver }
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
  await walkTerms(root, domain, spf, source, [domain], state)
  sumTotals(root)
  return { root, total: root.totals }
}

interface WalkState {
  nodes: number
  limits: WalkLimits
  resolver: Resolver
}

async function walkTerms(
  parent: LookupNode,
  domain: string,
  spf: SpfRecord,
  source: ZoneRecord | undefined,
  path: string[],
  state: WalkState,
): Promise<void> {
  const mechanisms: Mechanism[] = []
  let sawAll = false
  for (const term of spf.terms) {
    if (term.type !== 'mechanism') continue
    if (term.name === 'all') {
      // §5.1: mechanisms after "all" are never evaluated, and redirect is ignored (§6.1).
      sawAll = true
      break
    }
    // ip4 and ip6 query nothing and add no node (§5.6); large provider records are mostly these.
    if (term.name !== 'ip4' && term.name !== 'ip6') mechanisms.push(term)
  }
  const walkOne = async (term: Mechanism) =>
    hasTargetProblem(spf, term)
      ? badTermNode(term, domain, source)
      : walkMechanism(term, domain, source, path, state)
  const redirect = !sawAll ? spf.redirect : undefined
  if (redirect && hasTargetProblem(spf, redirect)) {
    for (const node of await Promise.all(mechanisms.map(walkOne)))
      if (node) parent.children.push(node)
    const bad = badTermNode(redirect, domain, source)
    if (bad) parent.children.push(bad)
    return
  }
  if (state.limits.parallel) {
    const [nodes, last] = await Promise.all([
      Promise.all(mechanisms.map(walkOne)),
      redirect && walkTarget('redirect', redirect, domain, source, path, state),
    ])
    for (const node of [...nodes, last]) if (node) parent.children.push(node)
    return
  }
  for (const term of mechanisms) {
    const node = await walkOne(term)
    if (node) parent.children.push(node)
  }
  if (redirect) {
    parent.children.push(await walkTarget('redirect', redirect, domain, source, path, state))
  }
}

/**
 * A term whose own text is malformed (an IP where a domain belongs, an empty label): receivers
 * never query it, so neither do we; it still costs its lookup where receivers count it.
 */
function hasTargetProblem(spf: SpfRecord, term: Mechanism | Modifier): boolean {
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
  return {
    kind,
    term: term.text,
    cost: 1,
    status: 'ok',
    origin: origin(domain, term, source),
    totals: NOT_SUMMED,
    children: [],
  }
}

/** The literal target of a term, or undefined when it has macros (§7: sender-dependent). */
function literalTarget(term: Mechanism | Modifier, domain: string): string | undefined {
  const spec = term.type === 'modifier' ? term.value : term.domainSpec
  if (!spec) return domain
  if (spec.macros.length > 0 || spec.text.includes('%')) return undefined
  return spec.text.toLowerCase().replace(/\.$/, '')
}

async function walkMechanism(
  term: Mechanism,
  domain: string,
  source: ZoneRecord | undefined,
  path: string[],
  state: WalkState,
): Promise<LookupNode | undefined> {
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

async function walkQuery(
  term: Mechanism,
  domain: string,
  source: ZoneRecord | undefined,
  state: WalkState,
): Promise<LookupNode> {
  const kind = term.name as LookupKind
  const { node, target } = termNode(kind, term, domain, source, state)
  if (target === undefined) return node
  if (kind === 'ptr') {
    // The names checked depend on the connecting IP (§5.5); its own cost is all that counts.
    node.detail = "ptr depends on the sender's reverse DNS"
    return node
  }
  if (kind === 'mx') {
    const mx =
      state.resolver.resolveSync?.(target, 'MX') ?? (await state.resolver.resolve(target, 'MX'))
    applyStatus(node, mx, target, 'MX')
    if (mx.status === 'ok') {
      node.mxNames = mx.records.length
      if (mx.records.length > 10) {
        node.status = 'too-many-mx'
        node.detail = `${target} has ${mx.records.length} MX hosts; receivers permerror past 10 (RFC 7208 §4.6.4)`
      }
    }
    return node
  }
  // a and exists: an IPv4 sender asks A only; the term is void for every sender only when
  // the name has neither A nor AAAA records (exists always asks A, §5.7).
  const a = state.resolver.resolveSync?.(target, 'A') ?? (await state.resolver.resolve(target, 'A'))
  if (kind === 'a' && a.status !== 'ok' && a.status !== 'error' && a.status !== 'unknown') {
    const aaaa =
      state.resolver.resolveSync?.(target, 'AAAA') ?? (await state.resolver.resolve(target, 'AAAA'))
    applyStatus(node, aaaa.status === 'ok' ? aaaa : a, target, 'A/AAAA')
    return node
  }
  applyStatus(node, a, target, 'A')
  return node
}

function applyStatus(
  node: LookupNode,
  answer: { status: string; error?: string },
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
    node.detail = `${target} is outside the repository`
  } else if (answer.status === 'error') {
    node.status = 'error'
    node.detail = `${target}: ${answer.error ?? 'DNS error'}`
  }
}

async function walkTarget(
  kind: 'include' | 'redirect',
  term: Mechanism | Modifier,
  domain: string,
  source: ZoneRecord | undefined,
  path: string[],
  state: WalkState,
): Promise<LookupNode> {
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
  const found = await fetchSpf(state.resolver, target)
  if (found.status !== 'ok') {
    node.status = found.status
    node.detail = found.detail
    if ('text' in found && found.text !== undefined) node.record = found.text
    return node
  }
  node.record = found.text
  await walkTerms(node, target, found.spf, found.source, [...path, target], state)
  return node
}

/** Why the walk may go no further here, or undefined. */
function truncation(depth: number, state: WalkState): string | undefined {
  const { maxDepth, maxNodes, stop } = state.limits
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
/** Leaf totals by lookups (0, 1) × void lookups (0, 1) × unknown. */
const LEAF_TOTALS: SubtreeTotals[] = []
for (const lookups of [0, 1])
  for (const voidLookups of [0, 1])
    for (const unknown of [false, true])
      LEAF_TOTALS.push(Object.freeze({ lookups, voidLookups, unknown }))

function leafTotals(lookups: number, voidLookups: number, unknown: boolean): SubtreeTotals {
  if (lookups > 1 || voidLookups > 1) return { lookups, voidLookups, unknown }
  return LEAF_TOTALS[lookups * 4 + voidLookups * 2 + (unknown ? 1 : 0)] as SubtreeTotals
}

/** Post-order sums of costs, void lookups and unknown subtrees. */
function sumTotals(node: LookupNode): void {
  let lookups = node.cost
  let voids = node.status === 'void' ? 1 : 0
  let unknown = node.status === 'unknown' || node.status === 'macro' || node.status === 'truncated'
  if (node.children.length === 0) {
    node.children = NO_CHILDREN
    node.totals = leafTotals(lookups, voids, unknown)
    return
  }
  for (const child of node.children) {
    sumTotals(child)
    lookups += child.totals.lookups
    voids += child.totals.voidLookups
    unknown ||= child.totals.unknown
  }
  node.totals = { lookups, voidLookups: voids, unknown }
}
