import type { Rule } from './types.js'
import { LOOKUP_LIMIT, costliest } from './SPF201-too-many-lookups.js'
import { recordLocation } from './util.js'

/** At or above the warning threshold (default 9) and not over 10 (RFC 7208 §4.6.4). */
export const rule: Rule = {
  code: 'SPF202',
  name: 'lookups-near-limit',
  severity: 'warning',
  description: 'At or above the warning threshold (default 9) and not over the limit of 10.',
  check(ctx) {
    const threshold = ctx.options.lookupWarningThreshold
    for (const entry of ctx.spf) {
      const tree = entry.tree
      if (!tree) continue
      const n = tree.total.lookups
      if (n < threshold || n > LOOKUP_LIMIT) continue
      const count = `${tree.total.unknown ? 'at least ' : ''}${n}`
      ctx.report({
        location: recordLocation(entry),
        message: `${entry.record.name} needs ${count} of the ${LOOKUP_LIMIT} DNS lookups receivers allow (RFC 7208 §4.6.4); one more include from a provider breaks it. ${costliest(tree.root)}`,
        name: entry.record.name,
      })
    }
  },
}
