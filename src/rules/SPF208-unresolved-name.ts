import type { Rule } from './types.js'
import { recordLocation, spanLocation, treeLocation, visitTree } from './util.js'

/**
 * A name outside the repository that could not be looked up (live checks off, or DNS failed):
 * the count below it is unknown, so lookup totals are a lower bound. One notice per name.
 */
export const rule: Rule = {
  code: 'SPF208',
  name: 'unresolved-name',
  severity: 'notice',
  description:
    'A name outside the repository that could not be looked up; the lookup count is a lower bound.',
  check(ctx) {
    const reported = new Set<string>()
    for (const entry of ctx.spf) {
      if (!entry.tree) continue
      visitTree(entry.tree.root, (node, ancestors) => {
        if (node.status === 'truncated') {
          // A walk bound (limits:) was hit: the count below is unknown, and must be visible.
          // Depth counts from this record, so report it here, at the term that leads there.
          const top = [...ancestors, node][1]
          ctx.report({
            location: top?.origin ? spanLocation(entry, top.origin.span) : recordLocation(entry),
            message: `the lookup walk stopped at "${node.term}": ${node.detail ?? 'a walk limit was reached'}; the lookup count is a lower bound`,
            name: entry.record.name,
          })
          return
        }
        if (node.status !== 'unknown' || !node.domain || reported.has(node.domain)) return
        const location = treeLocation(entry, node, ancestors)
        if (!location) return
        reported.add(node.domain)
        ctx.report({
          location,
          message: `${node.domain} is not defined in the repository and live DNS is off, so the lookups below "${node.term}" are not counted; run with --live (or a lock file) for an exact count`,
          name: entry.record.name,
        })
      })
    }
  },
}
