import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, ALL_NEUTRAL } from './summaries.js'

/** `?all` asserts nothing about other hosts (RFC 7208 §2.6.2): no protection. */
export const rule: Rule = {
  code: 'SPF302',
  name: 'neutral-all',
  severity: 'warning',
  description: '`?all`: no protection.',
  check(ctx) {
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & ALL_NEUTRAL) !== 0)) {
      for (const term of entry.spf.terms) {
        if (term.type === 'mechanism' && term.name === 'all' && term.qualifier === '?') {
          ctx.report({
            location: spanLocation(entry, term.span),
            message: `"?all" gives unlisted senders a neutral result, which receivers treat like no SPF at all; use "-all" (or "~all")`,
            name: entry.record.name,
          })
        }
      }
    }
  },
}
