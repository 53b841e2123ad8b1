import type { Rule } from './types.js'
import { isNullMx, type ZoneRecord } from '../model/record.js'
import { spanLocation } from './util.js'

/**
 * A null MX (RFC 7505) says the name handles no mail, yet its SPF record authorizes senders:
 * one of the two is wrong, and receivers may reject mail from a null-MX domain anyway.
 */
export const rule: Rule = {
  code: 'SPF504',
  name: 'null-mx-with-senders',
  severity: 'warning',
  description: 'A null MX (RFC 7505) at a name whose SPF authorizes senders.',
  check(ctx) {
    for (const entry of ctx.spf) {
      if (!hasNullMx(ctx.byName.get(entry.record.name))) continue
      const authorizing = entry.spf.terms.find(
        (t) =>
          (t.type === 'mechanism' &&
            t.name !== 'all' &&
            (t.qualifier === '+' || t.qualifier === '~')) ||
          (t.type === 'modifier' && t.name === 'redirect'),
      )
      if (!authorizing) continue
      ctx.report({
        location: spanLocation(entry, authorizing.span),
        message: `${entry.record.name} has a null MX (it accepts no mail, RFC 7505) but "${authorizing.text}" authorizes senders; if the domain sends no mail use "v=spf1 -all", otherwise remove the null MX`,
        name: entry.record.name,
      })
    }
  },
}

function hasNullMx(records: readonly ZoneRecord[] | undefined): boolean {
  if (!records) return false
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as ZoneRecord
    if (r.type === 'MX' && isNullMx(r.rdata)) return true
  }
  return false
}
