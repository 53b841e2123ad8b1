import type { Rule, SpfEntry } from './types.js'
import { spanLocation } from './util.js'
import { termFacts, ALL_PASS } from './summaries.js'

/** `+all` or a bare `all` lets anyone send as the domain (RFC 7208 §5.1). */
export const rule: Rule = {
  code: 'SPF301',
  name: 'permissive-all',
  severity: 'error',
  description: '`+all` (or bare `all`): anyone may send as this domain.',
  check(ctx) {
    const facts = termFacts(ctx.spf)
    for (let i = 0; i < ctx.spf.length; i++) {
      if (!((facts[i] as number) & ALL_PASS)) continue
      const entry = ctx.spf[i] as SpfEntry
      for (const term of entry.spf.terms) {
        if (term.type === 'mechanism' && term.name === 'all' && term.qualifier === '+') {
          ctx.report({
            location: spanLocation(entry, term.span),
            message: `"${term.text}" authorizes every host on the internet to send as ${entry.record.name}; end the record with "-all" (or "~all" while you roll it out)`,
            name: entry.record.name,
          })
        }
      }
    }
  },
}
