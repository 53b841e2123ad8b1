import type { Rule } from './types.js'
import { hasSpfRecord } from './util.js'

/**
 * A zone apex with neither MX nor SPF: anyone can send mail in its name and receivers have
 * nothing to check. Parked domains should say so: `v=spf1 -all` and a null MX (RFC 7505).
 * Only apexes are checked; every host name would drown the report.
 */
export const rule: Rule = {
  code: 'SPF309',
  name: 'no-mail-domain',
  severity: 'notice',
  description:
    'A name with neither MX nor SPF could be spoofed; publish `v=spf1 -all` with a null MX.',
  check(ctx) {
    for (const zone of ctx.zones) {
      const records = ctx.byName.get(zone)
      if (!records || records.length === 0) continue
      const hasMx = records.some((r) => r.type === 'MX')
      if (hasMx || hasSpfRecord(records)) continue
      const anchor = records.find((r) => r.type === 'SOA') ?? records[0]
      if (!anchor) continue
      ctx.report({
        location: anchor.location,
        message: `${zone} has neither MX nor SPF, so mail forged in its name cannot be rejected; if it sends no mail, publish TXT "v=spf1 -all" and a null MX "0 ." (RFC 7505)`,
        name: zone,
      })
    }
  },
}
