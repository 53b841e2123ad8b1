import type { Rule } from './types.js'
import { spanLocation } from './util.js'

/** SPF records are US-ASCII (RFC 7208 §3.1, §4.5); anything else is a permerror at receivers. */
export const rule: Rule = {
  code: 'SPF008',
  name: 'non-ascii',
  severity: 'error',
  description: 'Characters outside US-ASCII in an SPF record (§4.5, §3.1).',
  check(ctx) {
    for (const entry of ctx.spf) {
      const text = entry.spf.text
      // eslint-disable-next-line no-control-regex
      const bad = /[^\x20-\x7e]/.exec(text)
      if (!bad) continue
      const code = bad[0].charCodeAt(0)
      const what =
        code < 0x20 || code === 0x7f
          ? `control character \\x${code.toString(16).padStart(2, '0')}`
          : `non-ASCII character "${bad[0]}"`
      ctx.report({
        location: spanLocation(entry, { start: bad.index, end: bad.index + 1 }),
        message: `${what} in the SPF record; receivers treat the record as a permerror (RFC 7208 §3.1). Use plain ASCII (punycode for international names)`,
        name: entry.record.name,
      })
    }
  },
}
