import type { Rule } from './types.js'
import type { ZoneRecord } from '../model/record.js'
import type { Location } from '../model/source.js'
import { isNullMx, mxExchange } from '../model/record.js'
import { rdataFieldLocation } from './util.js'

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
    const records = ctx.records
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as ZoneRecord
      if (record.type !== 'MX' || isNullMx(record.rdata)) continue
      const exchange = mxExchange(record.rdata)
      if (!exchange || exchange === '.' || mxAddressTarget(exchange, record.zone)) continue
      // In-memory answers (the repository's own names) without a promise per MX record.
      const a =
        ctx.resolver.resolveSync?.(exchange, 'A') ?? (await ctx.resolver.resolve(exchange, 'A'))
      if (a.status === 'ok' || a.status === 'unknown' || a.status === 'error') continue
      const aaaa =
        ctx.resolver.resolveSync?.(exchange, 'AAAA') ??
        (await ctx.resolver.resolve(exchange, 'AAAA'))
      if (aaaa.status === 'ok' || aaaa.status === 'unknown' || aaaa.status === 'error') continue
      const why = a.status === 'nxdomain' ? 'does not exist' : 'has no A or AAAA record'
      ctx.report({
        location: exchangeLocation(record),
        message: `the MX target ${exchange} ${why}${a.origin === 'zone' ? ' in the repository' : ''}; mail to ${record.name} cannot be delivered there. Add its address records or fix the name`,
        name: record.name,
      })
    }
  },
}

export function isIpLike(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}\.?$/.test(name) || name.includes(':')
}

/**
 * The address an MX target was written as, if any: `192.0.2.25.`, or `192.0.2.25` without the
 * final dot, which a zone file turns into the name `192.0.2.25.<zone>.`.
 */
export function mxAddressTarget(exchange: string, zone: string): string | undefined {
  // Nearly every exchange is a host name: an address starts with a digit or holds a colon.
  const first = exchange.charCodeAt(0)
  if ((first < 48 || first > 57) && !exchange.includes(':')) return undefined
  if (isIpLike(exchange)) return exchange.replace(/\.$/, '')
  const relative = `.${zone}.`
  if (!exchange.toLowerCase().endsWith(relative)) return undefined
  const head = exchange.slice(0, -relative.length)
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(head) ? head : undefined
}

/** The exchange name of an MX record in a zone file (its second field), else the whole RDATA. */
export function exchangeLocation(record: ZoneRecord): Location {
  return rdataFieldLocation(record, 1)
}
