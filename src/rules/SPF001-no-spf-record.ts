import type { Rule } from './types.js'
import type { ZoneRecord } from '../model/record.js'
import { isNullMx } from '../model/record.js'
import { hasSpfRecord } from './util.js'

/**
 * A name that handles mail (it has MX records, or it is a configured sender domain) but has no
 * SPF record: receivers get "none" and spoofed mail from it is not rejected (RFC 7208 §2.6.1).
 */
export const rule: Rule = {
  code: 'SPF001',
  name: 'no-spf-record',
  severity: 'warning',
  description:
    'A name that handles mail (has MX, or is a configured sender domain) has no SPF record.',
  check(ctx) {
    // forEach, not for...of: a million names, and no [name, records] pair made for each.
    ctx.byName.forEach((records, name) => {
      const mx = mailExchange(records)
      if (!mx || hasSpfRecord(records) || name.startsWith('*.')) return
      ctx.report({
        location: mx.location,
        message: `${name} receives mail (MX ${mx.rdata}) but has no SPF record, so receivers cannot reject mail forged in its name; publish one, e.g. "v=spf1 mx -all"`,
        name,
      })
    })
    const reported = new Set<string>()
    for (const sender of ctx.options.senders) {
      const name = sender.domain.toLowerCase().replace(/\.$/, '')
      if (!ctx.zones.has(name) && ![...ctx.zones].some((z) => name.endsWith(`.${z}`))) continue
      if (hasSpfRecord(ctx.byName.get(name)) || reported.has(name) || !sender.location) continue
      if (mailExchange(ctx.byName.get(name))) continue
      reported.add(name)
      ctx.report({
        location: sender.location,
        message: `${name} is a configured sender domain but has no SPF record in the repository; publish one that authorizes ${sender.ip}`,
        name,
      })
    }
  },
}

/** The first MX record that names a host (not a null MX, RFC 7505). */
function mailExchange(records: readonly ZoneRecord[] | undefined): ZoneRecord | undefined {
  if (!records) return undefined
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as ZoneRecord
    if (r.type === 'MX' && !isNullMx(r.rdata)) return r
  }
  return undefined
}
