import type { Rule } from './types.js'
import { hasSpfRecord } from './util.js'

/** The SPF RR type (99) is discontinued; receivers only query TXT (RFC 7208 §3.1, §14.1). */
export const rule: Rule = {
  code: 'SPF003',
  name: 'spf-rr-type',
  severity: 'warning',
  description: 'The SPF RR type (99) is used; publish TXT only (§3.1, §14.1).',
  check(ctx) {
    for (const record of ctx.records) {
      if (record.type !== 'SPF') continue
      const hasTxt = hasSpfRecord(ctx.byName.get(record.name))
      ctx.report({
        location: record.location,
        message: hasTxt
          ? `type SPF (99) records are ignored by receivers (RFC 7208 §3.1); remove this one, the TXT record at ${record.name} is what counts`
          : `type SPF (99) records are ignored by receivers (RFC 7208 §3.1), and ${record.name} has no SPF TXT record; publish this text as TXT instead`,
        name: record.name,
      })
    }
  },
}
