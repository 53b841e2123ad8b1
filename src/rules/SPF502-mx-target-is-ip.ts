import type { Rule } from './types.js'
import { mxExchange, type ZoneRecord } from '../model/record.js'
import { exchangeLocation, mxAddressTarget } from './SPF501-mx-target-missing.js'

/** An MX target must be a host name, not an address (RFC 1035 §3.3.9, RFC 7505 §3). */
export const rule: Rule = {
  code: 'SPF502',
  name: 'mx-target-is-ip',
  severity: 'error',
  description: 'An MX target written as an IP address.',
  check(ctx) {
    const records = ctx.records
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as ZoneRecord
      if (record.type !== 'MX') continue
      const exchange = mxExchange(record.rdata)
      const address = mxAddressTarget(exchange, record.zone)
      if (!address) continue
      ctx.report({
        location: exchangeLocation(record),
        message: `the MX target "${address}" is an IP address; an MX names a host (RFC 1035 §3.3.9), and senders will look up "${exchange}" as a name and fail. Point it at a host name with an A record`,
        name: record.name,
      })
    }
  },
}
