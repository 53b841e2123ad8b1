import type { Rule, SpfEntry } from './types.js'
import type { LookupNode } from '../spf/tree.js'
import { recordLocation, spanLocation } from './util.js'

export const LOOKUP_LIMIT = 10

/**
 * More than 10 DNS-querying terms across the whole include/redirect tree is a permerror
 * (RFC 7208 §4.6.4). Reported at the term where a receiver taking the worst path would cross
 * the limit, and the message names the costliest branches so the author knows what to cut.
 */
export const rule: Rule = {
  code: 'SPF201',
  name: 'too-many-lookups',
  severity: 'error',
  description: 'More than 10 DNS-querying terms: permerror (§4.6.4).',
  check(ctx) {
    for (const entry of ctx.spf) {
      const tree = entry.tree
      if (!tree || tree.total.lookups <= LOOKUP_LIMIT) continue
      const count = `${tree.total.unknown ? 'at least ' : ''}${tree.total.lookups}`
      ctx.report({
        location: crossingLocation(entry, tree.root),
        message: `${entry.record.name} needs ${count} DNS lookups; receivers return permerror past ${LOOKUP_LIMIT} (RFC 7208 §4.6.4). ${costliest(tree.root)}`,
        name: entry.record.name,
      })
    }
  },
}

/** The root-level term at which the running count first passes the limit. */
export function crossingLocation(entry: SpfEntry, root: LookupNode, limit = LOOKUP_LIMIT) {
  let running = 0
  for (const child of root.children) {
    running += child.totals.lookups
    if (running > limit && child.origin) return spanLocation(entry, child.origin.span)
  }
  return recordLocation(entry)
}

/** `include:_spf.a.example costs 4, include:b.example costs 3, ...`, costliest first. */
export function costliest(root: LookupNode, shown = 4): string {
  const branches = root.children
    .filter((c) => c.totals.lookups > 0)
    .sort((a, b) => b.totals.lookups - a.totals.lookups)
  const parts = branches
    .slice(0, shown)
    .map((c) => `${c.term} costs ${c.totals.unknown ? 'at least ' : ''}${c.totals.lookups}`)
  const rest = branches.length - parts.length
  return `Costliest: ${parts.join(', ')}${rest > 0 ? `, and ${rest} more` : ''}.`
}
