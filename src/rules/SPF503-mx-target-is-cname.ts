import type { Rule } from './types.js'
import { mxExchange, type ZoneRecord } from '../model/record.js'
import { exchangeLocation } from './SPF501-mx-target-missing.js'

/** An MX target must not be an alias (RFC 2181 §10.3); some senders refuse to follow it. */
export const rule: Rule = {
  code: 'SPF503',
  name: 'mx-target-is-cname',
  severity: 'warning',
  description: 'An MX target that is a CNAME (RFC 2181 §10.3).',
  async check(ctx) {
    const records = ctx.records
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as ZoneRecord
      if (record.type !== 'MX') continue
      const exchange = mxExchange(record.rdata)
      if (!exchange || exchange === '.') continue
      const cname =
        ctx.resolver.resolveSync?.(exchange, 'CNAME') ??
        (await ctx.resolver.resolve(exchange, 'CNAME'))
      if (cname.status !== 'ok') continue
      ctx.report({
        location: exchangeLocation(record),
        message: `the MX target ${exchange} is a CNAME (to ${cname.records[0] ?? 'another name'}); RFC 2181 §10.3 forbids aliases as MX targets. Point the MX at the canonical name`,
        name: record.name,
      })
    }
  },
}
