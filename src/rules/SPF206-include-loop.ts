import type { Rule } from './types.js'
import { textLocation } from '../model/record.js'
import { visitTree } from './util.js'
import { entriesByTree, statusBits } from './summaries.js'

/**
 * An include/redirect cycle: receivers stop at the lookup limit with permerror.
 *
 * Each cycle is reported once, at the term that closes it. That term is often in another
 * repository record than the tree that finds the cycle (walking `_a` finds `_a -> _b -> _a`
 * closed by the include in `_b`, and walking `_b` finds it closed by the include in `_a`), so
 * the finding goes wherever the closing term is written, not only into the walked record.
 */
export const rule: Rule = {
  code: 'SPF206',
  name: 'include-loop',
  severity: 'error',
  description: 'An include/redirect cycle.',
  check(ctx) {
    const reported = new Set<string>()
    for (const entry of entriesByTree(ctx.spf, statusBits(['loop']))) {
      visitTree(entry.tree.root, (node, ancestors) => {
        const source = node.origin?.source
        if (node.status !== 'loop' || !node.domain || !source) return
        const path = [...ancestors.map((a) => a.domain ?? ''), node.domain]
        const cycle = path.slice(path.indexOf(node.domain))
        const key = cycleKey(cycle)
        if (reported.has(key)) return
        reported.add(key)
        const span = node.origin?.span ?? { start: 0, end: 0 }
        ctx.report({
          location: textLocation(source, span.start, span.end),
          message: `"${node.term}" closes a loop: ${cycle.join(' -> ')}; receivers run out of lookups and return permerror (RFC 7208 §4.6.4). Remove the include or redirect that points back`,
          name: source.name,
        })
      })
    }
  },
}

/** The same cycle entered at any of its names: rotate it to start at the smallest name. */
function cycleKey(cycle: string[]): string {
  const ring = cycle.slice(0, -1)
  let best = 0
  for (let i = 1; i < ring.length; i++) if ((ring[i] as string) < (ring[best] as string)) best = i
  return [...ring.slice(best), ...ring.slice(0, best)].join(' ')
}
