import type { Rule } from './types.js'
import type { ZoneRecord } from '../model/record.js'
import { textLocation } from '../model/record.js'
import { isSpfRecordText } from '../spf/types.js'

/**
 * Receivers join a TXT record's character-strings with no separator (RFC 7208 §3.3). Two
 * mistakes follow: a string boundary with no space on either side glues two terms together
 * (`"...include:a" "include:b"`), and unquoted words in a zone file are separate strings
 * (`TXT v=spf1 -all` is `"v=spf1" "-all"`, which joins to `v=spf1-all`).
 */
const TERM_START =
  /^[+\-~?]?(all|include[:=]|a\b|a[:/]|mx\b|mx[:/]|ptr\b|ptr:|ip4:|ip6:|exists:|redirect=|exp=)/i

export const rule: Rule = {
  code: 'SPF007',
  name: 'strings-join-badly',
  severity: 'error',
  description:
    'TXT character-strings join (without spaces, §3.3) into something the author did not mean.',
  check(ctx) {
    for (const record of ctx.records) {
      const txt = record.txt
      if (!txt || txt.strings.length < 2) continue
      const spaced = txt.strings.join(' ')
      if (!isSpfRecordText(txt.text) && !isSpfRecordText(spaced)) continue
      const unquoted = txt.quoted.some((q) => !q)
      for (let i = 1; i < txt.strings.length; i++) {
        const before = txt.strings[i - 1] as string
        const after = txt.strings[i] as string
        if (before.endsWith(' ') || after.startsWith(' ') || before === '' || after === '') continue
        if (!TERM_START.test(after) && !/^v=spf1$/i.test(before)) continue
        report(ctx, record, txt.stringStarts[i] as number, before, after, unquoted)
        // One finding explains an unquoted record; quoting it fixes every boundary at once.
        if (unquoted) break
      }
    }
  },
}

function report(
  ctx: Parameters<Rule['check']>[0],
  record: ZoneRecord,
  at: number,
  before: string,
  after: string,
  unquoted: boolean,
): void {
  const lastWord = before.split(' ').pop() ?? before
  const firstWord = after.split(' ')[0] ?? after
  const glued = `${lastWord}${firstWord}`
  const message = unquoted
    ? `unquoted words are separate character-strings, and receivers join them without spaces (RFC 7208 §3.3): "${lastWord}" and "${firstWord}" become "${glued}". Quote the whole record: "${record.txt?.strings.join(' ')}"`
    : `the strings join without a space (RFC 7208 §3.3): "${lastWord}" and "${firstWord}" become "${glued}". End the first string with a space or start the next with one`
  ctx.report({
    location: textLocation(record, at, at + firstWord.length),
    message,
    name: record.name,
  })
}
