/**
 * A deliberately small include/redirect walker for resolver tests: it only follows `include:`
 * and `redirect=` and counts the terms that cost a DNS lookup (RFC 7208 §4.6.4). The real
 * evaluator lives in src/spf/; this one exists so DNS tests do not depend on it.
 */
import type { Resolver } from '../../src/dns/resolver.js'

export interface WalkedName {
  name: string
  depth: number
  text: string | undefined
}

export interface Walk {
  names: WalkedName[]
  /** include, a, mx, ptr, exists and redirect terms met, each time a record is reached. */
  lookups: number
}

const LOOKUP_TERM = /^[+?~-]?(include:|a$|a[:/]|mx$|mx[:/]|ptr$|ptr:|exists:|redirect=)/i

export async function walkSpf(resolver: Resolver, root: string, maxDepth = 12): Promise<Walk> {
  const names: WalkedName[] = []
  let lookups = 0
  const visit = async (name: string, depth: number, path: string[]): Promise<void> => {
    const answer = await resolver.resolve(name, 'TXT')
    const text =
      answer.status === 'ok'
        ? answer.records.map((r) => r.text).find((t) => /^v=spf1( |$)/i.test(t))
        : undefined
    names.push({ name, depth, text })
    if (!text || depth >= maxDepth || path.includes(name)) return
    for (const term of text.split(' ').slice(1)) {
      if (LOOKUP_TERM.test(term)) lookups++
      const target = /^[+?~-]?include:(.+)$/i.exec(term)?.[1] ?? /^redirect=(.+)$/i.exec(term)?.[1]
      if (target && !target.includes('%'))
        await visit(target.toLowerCase(), depth + 1, [...path, name])
    }
  }
  await visit(root, 0, [])
  return { names, lookups }
}
