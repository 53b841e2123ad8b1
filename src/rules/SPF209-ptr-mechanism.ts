import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, HAS_PTR } from './summaries.js'

/** `ptr` is slow and unreliable and SHOULD NOT be used (RFC 7208 §5.5). */
export const rule: Rule = {
  code: 'SPF209',
  name: 'ptr-mechanism',
  severity: 'warning',
  description: '`ptr` is slow and unreliable; SHOULD NOT be used (§5.5).',
  check(ctx) {
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & HAS_PTR) !== 0)) {
      for (const term of entry.spf.terms) {
        if (term.type === 'mechanism' && term.name === 'ptr') {
          ctx.report({
            location: spanLocation(entry, term.span),
            message: `"${term.text}" makes receivers do reverse and forward lookups for every message, is often ignored, and SHOULD NOT be used (RFC 7208 §5.5); list the senders with ip4:/ip6: or a: instead`,
            name: entry.record.name,
          })
        }
      }
    }
  },
}
