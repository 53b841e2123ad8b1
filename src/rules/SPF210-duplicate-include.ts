import type { Rule } from './types.js'
import type { LookupNode } from '../spf/tree.js'
import { treeLocation, visitTree } from './util.js'

/** The same name included more than once in one tree: every inclusion costs lookups again. */
export const rule: Rule = {
  code: 'SPF210',
  name: 'duplicate-include',
  severity: 'warning',
  description: 'The same name included more than once in one tree: wasted lookups.',
  check(ctx) {
    const seenFindings = new Set<string>()
    for (const entry of ctx.spf) {
      if (!entry.tree) continue
      const first = new Map<string, LookupNode>()
      visitTree(entry.tree.root, (node, ancestors) => {
        if (node.kind !== 'include' || !node.domain || node.status === 'loop') return
        const earlier = first.get(node.domain)
        if (!earlier) {
          first.set(node.domain, node)
          return
        }
        const location = treeLocation(entry, node, ancestors)
        if (!location) return
        const key = `${location.file.absPath}:${location.start}:${node.domain}`
        if (seenFindings.has(key)) return
        seenFindings.add(key)
        ctx.report({
          location,
          message: `${node.domain} is included more than once in the tree of ${entry.record.name} (also through ${earlier.origin?.recordName ?? 'another include'}); each inclusion costs ${node.totals.lookups} lookup(s) again. Include it once`,
          name: entry.record.name,
        })
      })
    }
  },
}
