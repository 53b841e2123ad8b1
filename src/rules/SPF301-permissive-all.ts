import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, ALL_PASS } from './summaries.js'

/** `+all` or a bare `all` lets anyone send as the domain (RFC 7208 §5.1). */
export const rule: Rule = {
  code: 'SPF301',
  name: 'permissive-all',
  severity: 'error',
  description: '`+all` (or bare `all`): anyone may send as this domain.',
  check(ctx) {
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & ALL_PASS) !== 0)) {
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
