import type { Rule } from './types.js'
import { nonPublicRange, parseIp4, parseIp6 } from '../spf/ip.js'
import { spanLocation } from './util.js'
import { entriesByTerms, HAS_IP } from './summaries.js'

/**
 * Private, loopback, link-local and unique-local addresses never reach a receiver on the
 * internet (RFC 1918, RFC 6890, RFC 4193): listing them wastes bytes and hints at a mistake.
 * Addresses are read with the same parser the engine uses, so the two never disagree.
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
        if (term.type !== 'mechanism' || !term.ip) continue
        let range
        if (term.name === 'ip4') {
          const n = parseIp4(term.ip)
          range = n < 0 ? undefined : nonPublicRange({ v: 4, n })
        } else if (term.name === 'ip6') {
          const g = parseIp6(term.ip)
          range = g ? nonPublicRange({ v: 6, g }) : undefined
        }
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
