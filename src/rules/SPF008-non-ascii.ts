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
      // Tabs and other line-control characters between terms are SPF102's to report.
      // eslint-disable-next-line no-control-regex
      const bad = /[^\x09-\x0d\x20-\x7e]/.exec(text)
      if (!bad) continue
      const code = bad[0].charCodeAt(0)
      const length = entry.record.format === 'bind' ? utf8Length(text, bad.index) : 1
      const what =
        code < 0x20 || code === 0x7f
          ? `control character \\x${code.toString(16).padStart(2, '0')}`
          : `non-ASCII character "${shown(text.slice(bad.index, bad.index + length), entry.record.format)}"`
      ctx.report({
        location: spanLocation(entry, { start: bad.index, end: bad.index + length }),
        message: `${what} in the SPF record; receivers treat the record as a permerror (RFC 7208 §3.1). Use plain ASCII (punycode for international names)`,
        name: entry.record.name,
      })
    }
  },
}

/**
 * Zone files are read as bytes (one character per octet): a UTF-8 character is a lead byte and
 * its continuation bytes, and is shown decoded rather than as the bytes' Latin-1 reading.
 */
function utf8Length(text: string, at: number): number {
  let end = at + 1
  while (end < text.length && end - at < 4 && (text.charCodeAt(end) & 0xc0) === 0x80) end++
  return end - at
}

function shown(character: string, format: string): string {
  if (format !== 'bind') return character
  const decoded = Buffer.from(character, 'latin1').toString('utf8')
  return decoded.includes('\ufffd') ? character : decoded
}
