import { normalizeName } from '../dns/resolver.js'
import type { Answer, TxtAnswer } from '../dns/resolver.js'
import { isSpfRecordText } from '../spf/types.js'
import type { Rule, SpfEntry } from './types.js'
import { displayName, recordLocation } from './util.js'

/**
 * With live DNS on, the SPF record published at each repository name is compared with the one
 * in the repository: a difference means the files and DNS have drifted (a change not deployed
 * yet, or DNS edited by hand). Only TXT is published and checked (RFC 7208 §3.1, §14.1).
 */
export const rule: Rule = {
  code: 'SPF601',
  name: 'published-differs',
  severity: 'notice',
  description: 'The SPF record published in DNS differs from the one in the repository.',
  async check(ctx) {
    const live = ctx.live
    if (!live) return
    const byName = new Map<string, SpfEntry[]>()
    for (const entry of ctx.spf) {
      if (entry.record.type !== 'TXT') continue
      const name = normalizeName(entry.record.name)
      byName.set(name, [...(byName.get(name) ?? []), entry])
    }
    await Promise.all(
      [...byName].map(async ([name, entries]) => {
        const answer = await live.resolve(name, 'TXT')
        for (const entry of entries) {
          const message = compare(displayName(name), entry.spf.text, answer)
          if (message) ctx.report({ location: recordLocation(entry), message, name })
        }
      }),
    )
  },
}

function compare(name: string, text: string, answer: Answer<TxtAnswer>): string | undefined {
  const ours = `the repository has "${text}"`
  if (answer.status === 'error') {
    return `the SPF record published at ${name} could not be read to compare with the repository's: ${answer.error}`
  }
  if (answer.status === 'unknown') return undefined
  if (answer.status === 'nxdomain') {
    return `${name} does not exist in DNS (NXDOMAIN), so it publishes no SPF record; ${ours}`
  }
  const published =
    answer.status === 'ok' ? answer.records.map((r) => r.text).filter(isSpfRecordText) : []
  if (published.length === 0) {
    return `${name} publishes no SPF record in DNS; ${ours}`
  }
  const wanted = normalizeSpf(text)
  if (published.some((p) => normalizeSpf(p) === wanted)) return undefined
  const shown = published.map((p) => `"${p}"`).join(' and ')
  return `${name} publishes ${shown} in DNS but ${ours}; deploy the change, or bring the file in line with DNS`
}

/**
 * The comparable form of an SPF record: terms split at runs of spaces, the version and the
 * qualifier and name of each term lower-cased (names are case-insensitive, RFC 7208 §4.6.1;
 * arguments are kept as written, macro letters are case-sensitive, §7.3).
 */
export function normalizeSpf(text: string): string {
  return text
    .split(' ')
    .filter((t) => t.length > 0)
    .map((term, i) => {
      if (i === 0) return term.toLowerCase()
      const head = /^[+?~-]?[A-Za-z][A-Za-z0-9_.-]*/.exec(term)?.[0] ?? ''
      return head.toLowerCase() + term.slice(head.length)
    })
    .join(' ')
}
