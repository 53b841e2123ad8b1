import type { Rule } from './types.js'
import { textLocation } from '../model/record.js'

/** A character-string holds at most 255 octets (RFC 1035 §3.3, RFC 7208 §3.3). */
export const rule: Rule = {
  code: 'SPF005',
  name: 'string-too-long',
  severity: 'error',
  description: 'A TXT character-string over 255 octets (§3.3, RFC 1035 §3.3).',
  check(ctx) {
    for (const record of ctx.records) {
      const txt = record.txt
      if (!txt) continue
      txt.strings.forEach((s, i) => {
        const octets = Buffer.byteLength(s, record.format === 'bind' ? 'latin1' : 'utf8')
        if (octets <= 255) return
        const start = txt.stringStarts[i] as number
        ctx.report({
          location: textLocation(record, start + 255, start + s.length),
          message: `this character-string is ${octets} octets; the limit is 255 (RFC 1035 §3.3). Split it into several quoted strings, which receivers join without spaces (RFC 7208 §3.3)`,
          name: record.name,
        })
      })
    }
  },
}
