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
    // The records one $GENERATE line makes share its mistake: reported once, at the line.
    const generated = new Map<string, Generated>()
    for (const record of ctx.records) {
      const found = joinsBadly(record)
      if (!found) continue
      const template = generatedBy(record)
      if (template === undefined) {
        report(ctx, found, undefined)
        continue
      }
      const key = `${record.location.file.path}:${record.location.start}`
      const seen = generated.get(key)
      if (seen) seen.more++
      else generated.set(key, { found, template, more: 0 })
    }
    for (const line of generated.values()) report(ctx, line.found, line)
  },
}

/** A $GENERATE line's first record with the mistake, its template, and how many others. */
interface Generated {
  found: Found
  template: string
  more: number
}

interface Found {
  record: ZoneRecord
  at: number
  before: string
  after: string
  unquoted: boolean
}

/** The first boundary of the record's strings that joins two terms (one is enough to explain an unquoted record: quoting it fixes every boundary at once). */
function joinsBadly(record: ZoneRecord): Found | undefined {
  const txt = record.txt
  if (!txt || txt.strings.length < 2) return undefined
  const spaced = txt.strings.join(' ')
  if (!isSpfRecordText(txt.text) && !isSpfRecordText(spaced)) return undefined
  const unquoted = txt.quoted.some((q) => !q)
  for (let i = 1; i < txt.strings.length; i++) {
    const before = txt.strings[i - 1] as string
    const after = txt.strings[i] as string
    if (before.endsWith(' ') || after.startsWith(' ') || before === '' || after === '') continue
    if (!TERM_START.test(after) && !/^v=spf1$/i.test(before)) continue
    return { record, at: txt.stringStarts[i] as number, before, after, unquoted }
  }
  return undefined
}

/**
 * The RDATA template of the `$GENERATE` line that made a BIND record, or undefined. BIND takes
 * the template's outer quotes off before it reads the RDATA, so a quoted TXT template still
 * gives one string per word; quotes kept with backslashes (`"\"v=spf1 ...\""`) give one string.
 */
function generatedBy(record: ZoneRecord): string | undefined {
  if (record.format !== 'bind') return undefined
  const { file, start } = record.location
  if (!/^\$generate\s/i.test(file.text.slice(start, start + 10))) return undefined
  return file.text.slice(record.rdataLocation.start, record.rdataLocation.end)
}

function report(
  ctx: Parameters<Rule['check']>[0],
  found: Found,
  generated: Generated | undefined,
): void {
  const { record, at, before, after, unquoted } = found
  const lastWord = before.split(' ').pop() ?? before
  const firstWord = after.split(' ')[0] ?? after
  const glued = `${lastWord}${firstWord}`
  const joined = `"${lastWord}" and "${firstWord}" become "${glued}"`
  let message: string
  if (generated) {
    const { more } = generated
    const template = generated.template.replace(/^"(.*)"$/s, '$1')
    const others = more > 0 ? ` (and in the ${more} other records it makes)` : ''
    message = `$GENERATE takes the quotes off its template, so each word of the TXT record is a character-string of its own, and receivers join them without spaces (RFC 7208 §3.3): in ${record.name}${others}, ${joined}. Keep the quotes with backslashes: "\\"${template}\\""`
  } else if (unquoted) {
    message = `unquoted words are separate character-strings, and receivers join them without spaces (RFC 7208 §3.3): ${joined}. Quote the whole record: "${record.txt?.strings.join(' ')}"`
  } else {
    message = `the strings join without a space (RFC 7208 §3.3): ${joined}. End the first string with a space or start the next with one`
  }
  ctx.report({
    location: textLocation(record, at, at + firstWord.length),
    message,
    name: record.name,
  })
}
