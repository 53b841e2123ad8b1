import type { Rule } from './types.js'
import { isSpfRecordText } from '../spf/types.js'

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
    const hasSpf = (name: string) =>
      ctx.byName
        .get(name)
        ?.some((r) => r.type === 'TXT' && r.txt !== undefined && isSpfRecordText(r.txt.text)) ??
      false
    for (const [name, records] of ctx.byName) {
      const mx = records.find((r) => r.type === 'MX' && !isNullMx(r.rdata))
      if (!mx || hasSpf(name) || name.startsWith('*.')) continue
      ctx.report({
        location: mx.location,
        message: `${name} receives mail (MX ${mx.rdata}) but has no SPF record, so receivers cannot reject mail forged in its name; publish one, e.g. "v=spf1 mx -all"`,
        name,
      })
    }
    const reported = new Set<string>()
    for (const sender of ctx.options.senders) {
      const name = sender.domain.toLowerCase().replace(/\.$/, '')
      if (!ctx.zones.has(name) && ![...ctx.zones].some((z) => name.endsWith(`.${z}`))) continue
      if (hasSpf(name) || reported.has(name) || !sender.location) continue
      if (ctx.byName.get(name)?.some((r) => r.type === 'MX' && !isNullMx(r.rdata))) continue
      reported.add(name)
      ctx.report({
        location: sender.location,
        message: `${name} is a configured sender domain but has no SPF record in the repository; publish one that authorizes ${sender.ip}`,
        name,
      })
    }
  },
}

/** RFC 7505: "0 ." declares that the name accepts no mail. */
export function isNullMx(rdata: string): boolean {
  return /^0\s+\.$/.test(rdata.trim())
}
