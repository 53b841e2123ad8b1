import type { Rule, SpfEntry } from './types.js'
import { spanLocation } from './util.js'
import { termFacts, ALL_NEUTRAL } from './summaries.js'

/** `?all` asserts nothing about other hosts (RFC 7208 §2.6.2): no protection. */
export const rule: Rule = {
  code: 'SPF302',
  name: 'neutral-all',
  severity: 'warning',
  description: '`?all`: no protection.',
  check(ctx) {
    const facts = termFacts(ctx.spf)
    for (let i = 0; i < ctx.spf.length; i++) {
      if (!((facts[i] as number) & ALL_NEUTRAL)) continue
      const entry = ctx.spf[i] as SpfEntry
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
