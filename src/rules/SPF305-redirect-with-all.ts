import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, HAS_ALL, HAS_REDIRECT } from './summaries.js'

/** `redirect=` is ignored when the record has an `all` mechanism (RFC 7208 §6.1). */
export const rule: Rule = {
  code: 'SPF305',
  name: 'redirect-with-all',
  severity: 'warning',
  description: '`redirect=` is ignored when `all` is present (§6.1).',
  check(ctx) {
    const both = HAS_ALL | HAS_REDIRECT
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & both) === both)) {
      const { redirect, terms } = entry.spf
      const all = terms.find((t) => t.type === 'mechanism' && t.name === 'all')
      if (!redirect || !all) continue
      ctx.report({
        location: spanLocation(entry, redirect.span),
        message: `"${redirect.text}" is ignored because the record has "${all.text}" (RFC 7208 §6.1); remove one of them`,
        name: entry.record.name,
      })
    }
  },
}
