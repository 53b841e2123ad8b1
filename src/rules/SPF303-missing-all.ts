import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, HAS_ALL, HAS_REDIRECT } from './summaries.js'

/** Without `all` or `redirect=`, the default result is neutral (RFC 7208 §4.7). */
export const rule: Rule = {
  code: 'SPF303',
  name: 'missing-all',
  severity: 'warning',
  description: 'Neither `all` nor `redirect=`: the default result is neutral (§4.7).',
  check(ctx) {
    for (const entry of entriesByTerms(ctx.spf, (facts) => !(facts & (HAS_ALL | HAS_REDIRECT)))) {
      const { terms, redirect } = entry.spf
      if (redirect || terms.some((t) => t.type === 'mechanism' && t.name === 'all')) continue
      const last = terms[terms.length - 1]
      const span = last ? last.span : entry.spf.versionSpan
      ctx.report({
        location: spanLocation(entry, span),
        message: `the record has no "all" mechanism and no "redirect=", so unlisted senders get "neutral" (RFC 7208 §4.7); end it with "-all" or "~all"`,
        name: entry.record.name,
      })
    }
  },
}
