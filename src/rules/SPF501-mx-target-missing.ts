import type { Rule } from './types.js'
import { isNullMx } from './SPF001-no-spf-record.js'

/**
 * An MX target with no address record: mail to the name fails, and an SPF `mx` mechanism that
 * relies on it matches nothing (each empty host lookup is also void, RFC 7208 §4.6.4).
 * In-repository targets are checked against the files; others only when a resolver answers.
 */
export const rule: Rule = {
  code: 'SPF501',
  name: 'mx-target-missing',
  severity: 'error',
  description: 'An MX target that has no address record.',
  async check(ctx) {
    for (const record of ctx.records) {
      if (record.type !== 'MX' || isNullMx(record.rdata)) continue
      const exchange = record.rdata.trim().split(/\s+/)[1]
      if (!exchange || exchange === '.' || isIpLike(exchange)) continue
      const a = await ctx.resolver.resolve(exchange, 'A')
      if (a.status === 'ok' || a.status === 'unknown' || a.status === 'error') continue
      const aaaa = await ctx.resolver.resolve(exchange, 'AAAA')
      if (aaaa.status === 'ok' || aaaa.status === 'unknown' || aaaa.status === 'error') continue
      const why = a.status === 'nxdomain' ? 'does not exist' : 'has no A or AAAA record'
      ctx.report({
        location: record.rdataLocation,
        message: `the MX target ${exchange} ${why}${a.origin === 'zone' ? ' in the repository' : ''}; mail to ${record.name} cannot be delivered there. Add its address records or fix the name`,
        name: record.name,
      })
    }
  },
}

export function isIpLike(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}\.?$/.test(name) || name.includes(':')
}
