import ipaddr from 'ipaddr.js'
import type { Rule } from './types.js'
import { spanLocation } from './util.js'

/**
 * Private, loopback, link-local and unique-local addresses never reach a receiver on the
 * internet (RFC 1918, RFC 6890, RFC 4193): listing them wastes bytes and hints at a mistake.
 */
const NON_PUBLIC = new Set([
  'private',
  'loopback',
  'linkLocal',
  'uniqueLocal',
  'unspecified',
  'carrierGradeNat',
])

export const rule: Rule = {
  code: 'SPF307',
  name: 'non-public-range',
  severity: 'warning',
  description:
    'Private, loopback, link-local or unique-local addresses: no receiver ever sees them.',
  check(ctx) {
    for (const entry of ctx.spf) {
      for (const term of entry.spf.terms) {
        if (term.type !== 'mechanism' || (term.name !== 'ip4' && term.name !== 'ip6') || !term.ip)
          continue
        if (!ipaddr.isValid(term.ip)) continue
        const range = ipaddr.parse(term.ip).range()
        if (!NON_PUBLIC.has(range)) continue
        ctx.report({
          location: spanLocation(entry, term.ipSpan ?? term.span),
          message: `"${term.text}" is a ${describe(range)} address that no receiver on the internet ever sees; remove it, or list the public address your mail leaves from`,
          name: entry.record.name,
        })
      }
    }
  },
}

function describe(range: string): string {
  return range.replace(/([A-Z])/g, ' $1').toLowerCase()
}
