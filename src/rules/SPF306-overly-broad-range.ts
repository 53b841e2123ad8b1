import type { Rule } from './types.js'
import { spanLocation } from './util.js'
import { entriesByTerms, HAS_IP } from './summaries.js'

/**
 * An `ip4` prefix shorter than /16 or an `ip6` prefix shorter than /32 (both configurable)
 * authorizes far more hosts than any organisation sends from: usually a typo in the prefix.
 */
export const rule: Rule = {
  code: 'SPF306',
  name: 'overly-broad-range',
  severity: 'warning',
  description: 'An ip4 prefix shorter than /16 or an ip6 prefix shorter than /32 (configurable).',
  check(ctx) {
    const { minPrefix4, minPrefix6 } = ctx.options
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & HAS_IP) !== 0)) {
      for (const term of entry.spf.terms) {
        if (term.type !== 'mechanism' || (term.name !== 'ip4' && term.name !== 'ip6')) continue
        const prefix = term.name === 'ip4' ? term.prefix4 : term.prefix6
        const min = term.name === 'ip4' ? minPrefix4 : minPrefix6
        if (prefix === undefined || prefix >= min) continue
        const hosts =
          term.name === 'ip4' ? `${2 ** (32 - prefix)} addresses` : `a /${prefix} network`
        ctx.report({
          location: spanLocation(entry, term.prefixSpan ?? term.span),
          message: `"${term.text}" authorizes ${hosts} to send as ${entry.record.name}; prefixes shorter than /${min} are almost always a mistake. List the sending hosts or their real ranges`,
          name: entry.record.name,
        })
      }
    }
  },
}
