import type { Rule } from './types.js'
import { textLocation } from '../model/record.js'
import { isSpfRecordText } from '../spf/types.js'

/**
 * RFC 7208 §4.5: only text that begins with exactly `v=spf1` followed by a space (or ends there)
 * is an SPF record. Receivers silently ignore near misses, so the domain ends up with no SPF.
 */
const LOOKS_LIKE_SPF = /^\s*("?\s*)?(v\s*=\s*spf|spf\s*[12]|v=spf1)/i

export const rule: Rule = {
  code: 'SPF004',
  name: 'malformed-version',
  severity: 'error',
  description:
    'A TXT record that tries to be SPF but does not start with exactly `v=spf1` and a space.',
  check(ctx) {
    for (const record of ctx.records) {
      const txt = record.txt
      if (!txt || record.type !== 'TXT' || isSpfRecordText(txt.text)) continue
      // Sender ID (`spf2.0/pra`, RFC 4406) is another protocol, not a misspelt SPF record.
      if (!LOOKS_LIKE_SPF.test(txt.text) || /^spf2\.0\//i.test(txt.text)) continue
      // Strings that only fail because they were joined without spaces are SPF007's to explain.
      if (isSpfRecordText(txt.strings.join(' ')) && txt.strings.length > 1) continue
      const tag = /^\S*/.exec(txt.text)?.[0] ?? ''
      const location = textLocation(record, 0, Math.max(1, tag.length))
      ctx.report({ location, message: versionMessage(txt.text, tag), name: record.name })
    }
  },
}

function versionMessage(text: string, tag: string): string {
  const fix =
    'an SPF record must begin with exactly "v=spf1" followed by a space (RFC 7208 §4.5); receivers ignore this record'
  if (/^\s/.test(text)) return `the record starts with a space; ${fix}`
  if (/^v=spf1[^ ]/i.test(text))
    return `"${tag}" runs into the version tag; put a space after "v=spf1": ${fix}`
  if (/^v\s*=\s*spf\s*1/i.test(text)) return `"${tag}" is not "v=spf1"; ${fix}`
  if (/^v=spf[02-9]/i.test(text))
    return `"${tag}" is not an SPF version receivers know; use "v=spf1": ${fix}`
  return `"${tag}" is not "v=spf1"; ${fix}`
}
