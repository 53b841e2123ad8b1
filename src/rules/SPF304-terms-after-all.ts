import type { Rule, SpfEntry } from './types.js'
import { spanLocation } from './util.js'
import { termFacts, AFTER_ALL } from './summaries.js'

/** Mechanisms after `all` are never evaluated (RFC 7208 §5.1). */
export const rule: Rule = {
  code: 'SPF304',
  name: 'terms-after-all',
  severity: 'warning',
  description: 'Mechanisms after `all` are never evaluated (§5.1).',
  check(ctx) {
    const facts = termFacts(ctx.spf)
    for (let i = 0; i < ctx.spf.length; i++) {
      if (!((facts[i] as number) & AFTER_ALL)) continue
      const entry = ctx.spf[i] as SpfEntry
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
