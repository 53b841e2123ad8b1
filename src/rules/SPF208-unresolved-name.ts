import type { Rule } from './types.js'
import type { LookupNode } from '../spf/tree.js'
import { recordLocation, spanLocation, treeLocation, visitTree } from './util.js'
import { entriesByTree, statusBits } from './summaries.js'

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
    for (const entry of entriesByTree(ctx.spf, statusBits(['unknown', 'truncated']))) {
      const stops = new Stops()
      visitTree(entry.tree.root, (node, ancestors) => {
        if (node.status === 'truncated') {
          // A walk bound (limits:) was hit: the count below is unknown, and must be visible.
          // Depth counts from this record, so report it here, at the term that leads there.
          stops.add(ancestors.length > 1 ? (ancestors[1] as LookupNode) : node, node)
          return
        }
        if (node.status !== 'unknown' || !node.domain || reported.has(node.domain)) return
        const location = treeLocation(entry, node, ancestors)
        if (!location) return
        reported.add(node.domain)
        ctx.report({ location, message: unresolvedMessage(node), name: entry.record.name })
      })
      // One finding per term of the record and reason: a bound stops many branches at once.
      for (const { top, first, count } of stops.list) {
        const where =
          count === 1
            ? `"${first.term}"`
            : `${count} terms below "${top.term}", the first "${first.term}"`
        ctx.report({
          location: top.origin ? spanLocation(entry, top.origin.span) : recordLocation(entry),
          message: `the lookup walk stopped at ${where}: ${first.detail ?? 'a walk limit was reached'}; the lookup count is a lower bound`,
          name: entry.record.name,
        })
      }
    }
  },
}

function unresolvedMessage(node: LookupNode): string {
  const subject =
    node.outside === undefined
      ? `${node.domain} is not defined in the repository`
      : `${node.domain} is an alias of ${node.outside}, which the repository does not define,`
  // An include's whole subtree is missing from the count; an a, mx or exists term is counted,
  // and only whether its answer is empty (a void lookup) is not known.
  const consequence =
    node.kind === 'include' || node.kind === 'redirect'
      ? `the lookups below "${node.term}" are not counted`
      : `whether "${node.term}" finds anything is not known (an empty answer would be a void lookup)`
  return `${subject} and live DNS is off, so ${consequence}; run with --live (or a lock file) for an exact count`
}

/** The nodes where one record's walk stopped, by the record's own term above them and reason. */
class Stops {
  readonly list: { top: LookupNode; first: LookupNode; count: number }[] = []

  add(top: LookupNode, node: LookupNode): void {
    const same = this.list.find((s) => s.top === top && s.first.detail === node.detail)
    if (same) same.count++
    else this.list.push({ top, first: node, count: 1 })
  }
}
