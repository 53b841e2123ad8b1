import type { Rule } from './types.js'
import type { ZoneRecord } from '../model/record.js'
import { recordLocation } from './util.js'

/**
 * RFC 7208 §3.4: keep the SPF record, together with the other TXT records at the name, small
 * enough that the answer fits a 512-octet UDP reply; 450 octets leaves room for the header.
 */
const LIMIT = 450

export const rule: Rule = {
  code: 'SPF006',
  name: 'record-too-long',
  severity: 'warning',
  description:
    'The TXT records at the name exceed 450 octets and may not fit a 512-octet UDP answer (§3.4).',
  check(ctx) {
    for (const entry of ctx.spf) {
      if (entry.record.type !== 'TXT') continue
      // Each character-string costs its length plus one length octet on the wire.
      let size = 0
      let count = 0
      const atName = ctx.byName.get(entry.record.name) ?? []
      for (let i = 0; i < atName.length; i++) {
        const record = atName[i] as ZoneRecord
        const txt = record.txt
        if (!txt || record.type !== 'TXT') continue
        count++
        size += txt.text.length + txt.strings.length
      }
      if (size <= LIMIT) continue
      const others =
        count > 1 ? ` with the ${count - 1} other TXT record(s) at ${entry.record.name}` : ''
      ctx.report({
        location: recordLocation(entry),
        message: `the TXT answer for ${entry.record.name} is ${size} octets${others}; over ${LIMIT} it may not fit a UDP reply and some receivers fail (RFC 7208 §3.4). Move hosts into an include: record or remove unused TXT records`,
        name: entry.record.name,
      })
    }
  },
}
