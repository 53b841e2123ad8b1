import type { Rule } from './types.js'
import { textLocation, type ZoneRecord } from '../model/record.js'

const MAX_OCTETS = 255

/** A character-string holds at most 255 octets (RFC 1035 §3.3, RFC 7208 §3.3). */
export const rule: Rule = {
  code: 'SPF005',
  name: 'string-too-long',
  severity: 'error',
  description: 'A TXT character-string over 255 octets (§3.3, RFC 1035 §3.3).',
  check(ctx) {
    const records = ctx.records
    for (let r = 0; r < records.length; r++) {
      const record = records[r] as ZoneRecord
      const txt = record.txt
      // A text of at most 63 characters holds no string over 255 octets (UTF-8: 4 per character).
      if (!txt || txt.text.length <= MAX_OCTETS / 4) continue
      const strings = txt.strings
      for (let i = 0; i < strings.length; i++) {
        const s = strings[i] as string
        // Zone files are read one character per octet; YAML text is UTF-8.
        const octets = record.format === 'bind' ? s.length : Buffer.byteLength(s, 'utf8')
        if (octets <= MAX_OCTETS) continue
        const start = txt.stringStarts[i] as number
        const over = record.format === 'bind' ? MAX_OCTETS : firstCharPast(s, MAX_OCTETS)
        ctx.report({
          location: textLocation(record, start + over, start + s.length),
          message: `this character-string is ${octets} octets; the limit is 255 (RFC 1035 §3.3). Split it into several quoted strings, which receivers join without spaces (RFC 7208 §3.3)`,
          name: record.name,
        })
      }
    }
  },
}

/** The index of the character of `s` whose UTF-8 octets run past the first `limit`. */
function firstCharPast(s: string, limit: number): number {
  let octets = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length
    octets += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3
    if (octets > limit) return i
    if (pair) i++
  }
  return s.length
}
