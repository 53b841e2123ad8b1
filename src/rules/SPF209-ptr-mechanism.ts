import type { Rule, SpfEntry } from './types.js'
import { spanLocation } from './util.js'
import { termFacts, HAS_PTR } from './summaries.js'

/** `ptr` is slow and unreliable and SHOULD NOT be used (RFC 7208 §5.5). */
export const rule: Rule = {
  code: 'SPF209',
  name: 'ptr-mechanism',
  severity: 'warning',
  description: '`ptr` is slow and unreliable; SHOULD NOT be used (§5.5).',
  check(ctx) {
    const facts = termFacts(ctx.spf)
    for (let i = 0; i < ctx.spf.length; i++) {
      if (!((facts[i] as number) & HAS_PTR)) continue
      const entry = ctx.spf[i] as SpfEntry
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
