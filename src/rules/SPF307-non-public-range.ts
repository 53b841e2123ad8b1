import type { Rule } from './types.js'
import { nonPublicRange } from '../spf/ip.js'
import { spanLocation } from './util.js'
import { entriesByTerms, HAS_IP } from './summaries.js'

/**
 * Private, loopback, link-local and unique-local addresses never reach a receiver on the
 * internet (RFC 1918, RFC 6890, RFC 4193): listing them wastes bytes and hints at a mistake.
 * Addresses are those the SPF parser read for the engine, so the two never disagree.
 */
export const rule: Rule = {
  code: 'SPF307',
  name: 'non-public-range',
  severity: 'warning',
  description:
    'Private, loopback, link-local or unique-local addresses: no receiver ever sees them.',
  check(ctx) {
    for (const entry of entriesByTerms(ctx.spf, (facts) => (facts & HAS_IP) !== 0)) {
      for (const term of entry.spf.terms) {
        if (term.type !== 'mechanism') continue
        let range
        if (term.address4 !== undefined) range = nonPublicRange({ v: 4, n: term.address4 })
        else if (term.address6) range = nonPublicRange({ v: 6, g: term.address6 })
        if (!range) continue
        ctx.report({
          location: spanLocation(entry, term.ipSpan ?? term.span),
          message: `"${term.text}" is a ${range} address that no receiver on the internet ever sees; remove it, or list the public address your mail leaves from`,
          name: entry.record.name,
        })
      }
    }
  },
}
