import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, AFTER_ALL } from './summaries.js'

/** Mechanisms after `all` are never evaluated (RFC 7208 §5.1). */
export const rule: Rule = {
  code: 'SPF304',
  name: 'terms-after-all',
  severity: 'warning',
  description: 'Mechanisms after `all` are never evaluated (§5.1).',
  check(ctx) {
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & AFTER_ALL) !== 0)) {
      const terms = entry.spf.terms
      const at = terms.findIndex((t) => t.type === 'mechanism' && t.name === 'all')
      if (at === -1) continue
      const all = terms[at]?.text ?? 'all'
      for (const term of terms.slice(at + 1)) {
        if (term.type !== 'mechanism') continue
        ctx.report({
          location: spanLocation(entry, term.span),
          message: `"${term.text}" comes after "${all}" and is never evaluated (RFC 7208 §5.1); move it before "${all}" or remove it`,
          name: entry.record.name,
        })
      }
    }
  },
}
