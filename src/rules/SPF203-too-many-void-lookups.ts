import type { Rule } from './types.js'
import type { LookupNode } from '../spf/tree.js'
import { recordLocation, spanLocation } from './util.js'

const VOID_LIMIT = 2
/** The void terms named in the message; the rest are counted. */
const SHOWN = 5

/** More than 2 lookups that return no answer (NXDOMAIN or no data): permerror (§4.6.4). */
export const rule: Rule = {
  code: 'SPF203',
  name: 'too-many-void-lookups',
  severity: 'error',
  description:
    'More than 2 lookups that return no answer (NXDOMAIN or no data): permerror (§4.6.4).',
  check(ctx) {
    for (const entry of ctx.spf) {
      const tree = entry.tree
      if (!tree || tree.total.voidLookups <= VOID_LIMIT) continue
      const voids: string[] = []
      const mxHosts = collectVoids(tree.root, voids)
      let running = 0
      let location = recordLocation(entry)
      for (const child of tree.root.children) {
        running += child.totals.voidLookups
        if (running > VOID_LIMIT && child.origin) {
          location = spanLocation(entry, child.origin.span)
          break
        }
      }
      const more = voids.length > SHOWN ? `; and ${voids.length - SHOWN} more` : ''
      ctx.report({
        location,
        message: `${tree.total.voidLookups} lookups return no answer; receivers return permerror past ${VOID_LIMIT} (RFC 7208 §4.6.4): ${voids.slice(0, SHOWN).join('; ')}${more}. Remove the terms that point at names with no records${mxHosts ? ', or give their MX hosts an address' : ''}`,
        name: entry.record.name,
      })
    }
  },
}

/** The void terms of the tree, in order, into `out`; true when MX hosts are among them. */
function collectVoids(node: LookupNode, out: string[]): boolean {
  let mxHosts = node.voidHosts !== undefined
  if (node.status === 'void' || mxHosts) out.push(`${node.term} (${node.detail ?? 'no answer'})`)
  for (const child of node.children) mxHosts = collectVoids(child, out) || mxHosts
  return mxHosts
}
