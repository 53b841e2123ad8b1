import type { Rule } from './types.js'
import type { LookupNode } from '../spf/tree.js'
import { spanLocation, treeLocation, visitTree } from './util.js'
import { entriesByTree, TWO_INCLUDES } from './summaries.js'

/** The same name included more than once in one tree: every inclusion costs lookups again. */
export const rule: Rule = {
  code: 'SPF210',
  name: 'duplicate-include',
  severity: 'warning',
  description: 'The same name included more than once in one tree: wasted lookups.',
  check(ctx) {
    const seenFindings = new Set<string>()
    // The first inclusion of each name in one tree, and the root-level term its branch starts
    // from: one map for the run, emptied for each tree.
    const first = new Map<string, { node: LookupNode; branch: LookupNode }>()
    for (const entry of entriesByTree(ctx.spf, TWO_INCLUDES)) {
      first.clear()
      visitTree(entry.tree.root, (node, ancestors) => {
        if (node.kind !== 'include' || !node.domain || node.status === 'loop') return
        const branch = (ancestors[1] ?? node) as LookupNode
        const seen = first.get(node.domain)
        if (!seen) {
          first.set(node.domain, { node, branch })
          return
        }
        const earlier = seen.node
        // A branch that is itself a repeated include is reported as such; what it pulls in again
        // needs no second finding.
        if (branch !== node && branch.domain && first.get(branch.domain)?.node !== branch) return
        // Inside one branch the record that holds both inclusions reports it in its own tree;
        // across branches only this record's tree sees it: report at the branch's own term.
        const location =
          treeLocation(entry, node, ancestors) ??
          (seen.branch !== branch && branch.origin?.source === entry.record
            ? spanLocation(entry, branch.origin.span)
            : undefined)
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
