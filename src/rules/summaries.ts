/**
 * Per-run summaries of the SPF records and their lookup trees, one number per record in
 * `ctx.spf` order, made once by the first rule that asks. Rules that look for a kind of term or a
 * node status read them and go only through the records that can hold one: reading every record's
 * terms or every tree's nodes is about 0.1 s a pass on a million-record zone. A flag is a
 * condition a rule needs, never a verdict: the rule still reads the record itself.
 */
import type { LookupNode, LookupStatus, LookupTree } from '../spf/tree.js'
import type { SpfRecord, Term } from '../spf/types.js'
import type { SpfEntry } from './types.js'

/** `termFacts`: an `all` mechanism. */
export const HAS_ALL = 1
/** An `all` mechanism with the `+` qualifier, written or not. */
export const ALL_PASS = 2
/** An `all` mechanism with the `?` qualifier. */
export const ALL_NEUTRAL = 4
/** A mechanism after the first `all`. */
export const AFTER_ALL = 8
export const HAS_REDIRECT = 16
export const HAS_PTR = 32
/** An `ip4` or `ip6` mechanism. */
export const HAS_IP = 64

const factsIndex = new WeakMap<readonly SpfEntry[], Uint8Array>()

/** What the terms of each SPF record hold: the flags above. */
export function termFacts(spf: readonly SpfEntry[]): Uint8Array {
  let facts = factsIndex.get(spf)
  if (facts === undefined) {
    facts = new Uint8Array(spf.length)
    for (let i = 0; i < spf.length; i++) facts[i] = factsOf((spf[i] as SpfEntry).spf)
    factsIndex.set(spf, facts)
  }
  return facts
}

/** The entries whose term facts pass `test` (given the flags above), in run order. */
export function entriesByTerms(
  spf: readonly SpfEntry[],
  test: (facts: number) => boolean,
): SpfEntry[] {
  const facts = termFacts(spf)
  const out: SpfEntry[] = []
  for (let i = 0; i < spf.length; i++) if (test(facts[i] as number)) out.push(spf[i] as SpfEntry)
  return out
}

function factsOf(record: SpfRecord): number {
  let facts = record.redirect ? HAS_REDIRECT : 0
  const terms = record.terms
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k] as Term
    if (term.type !== 'mechanism') continue
    if (facts & HAS_ALL) facts |= AFTER_ALL
    switch (term.name) {
      case 'all':
        facts |= HAS_ALL
        if (term.qualifier === '+') facts |= ALL_PASS
        else if (term.qualifier === '?') facts |= ALL_NEUTRAL
        break
      case 'ptr':
        facts |= HAS_PTR
        break
      case 'ip4':
      case 'ip6':
        facts |= HAS_IP
        break
    }
  }
  return facts
}

/** The statuses the nodes of a lookup tree can have, each a bit of `treeFacts`. */
const STATUS_BITS: Record<LookupStatus, number> = {
  ok: 1,
  void: 2,
  'no-spf': 4,
  'multiple-spf': 8,
  'syntax-error': 16,
  loop: 32,
  macro: 64,
  unknown: 128,
  error: 256,
  'too-many-mx': 512,
  truncated: 1024,
}
/** A tree with two include nodes or more (a name may be included twice). */
export const TWO_INCLUDES = 2048

export function statusBits(statuses: readonly LookupStatus[]): number {
  let bits = 0
  for (const status of statuses) bits |= STATUS_BITS[status]
  return bits
}

const treeIndex = new WeakMap<readonly SpfEntry[], Uint16Array>()

/** The statuses found in each record's lookup tree (`statusBits`), and `TWO_INCLUDES`. */
export function treeFacts(spf: readonly SpfEntry[]): Uint16Array {
  let facts = treeIndex.get(spf)
  if (facts === undefined) {
    facts = new Uint16Array(spf.length)
    for (let i = 0; i < spf.length; i++) {
      const tree = (spf[i] as SpfEntry).tree
      if (tree) facts[i] = factsOfTree(tree.root, { bits: 0, includes: 0 })
    }
    treeIndex.set(spf, facts)
  }
  return facts
}

function factsOfTree(node: LookupNode, seen: { bits: number; includes: number }): number {
  seen.bits |= STATUS_BITS[node.status]
  if (node.kind === 'include' && ++seen.includes === 2) seen.bits |= TWO_INCLUDES
  const children = node.children
  for (let k = 0; k < children.length; k++) factsOfTree(children[k] as LookupNode, seen)
  return seen.bits
}

/** An entry whose lookup tree has been walked. */
export type WalkedEntry = SpfEntry & { tree: LookupTree }

/**
 * The entries whose lookup tree holds any of `bits` (`statusBits()`, `TWO_INCLUDES`), in run
 * order. An entry without a tree has no facts, so every one returned has its tree.
 */
export function entriesByTree(spf: readonly SpfEntry[], bits: number): WalkedEntry[] {
  const facts = treeFacts(spf)
  const out: WalkedEntry[] = []
  for (let i = 0; i < spf.length; i++) {
    if ((facts[i] as number) & bits) out.push(spf[i] as WalkedEntry)
  }
  return out
}
