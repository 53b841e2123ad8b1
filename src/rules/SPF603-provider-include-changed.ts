import type { LockNameDiff, LockTypeDiff } from '../dns/lock.js'
import type { Location } from '../model/source.js'
import type { Rule, SpfEntry } from './types.js'
import { displayName, treeLocation, visitTree } from './util.js'

/**
 * A provider's records differ from those pinned in the lock file. Providers change the records
 * you include without telling you, and a change can push a tree past the 10-lookup limit
 * (RFC 7208 §4.6.4) or stop authorizing a sender; the lock makes the change visible and
 * reviewable. Reported at the repository term that reaches the provider, with the record's new
 * lookup count.
 */
export const rule: Rule = {
  code: 'SPF603',
  name: 'provider-include-changed',
  severity: 'warning',
  description: 'A third-party include tree differs from the one pinned in the lock file.',
  check(ctx) {
    const lock = ctx.lock
    if (!lock) return
    const changed = new Map<string, string>()
    for (const diff of lock.changes()) {
      const text = describe(diff)
      if (text) changed.set(diff.name, text)
    }
    if (changed.size === 0) return
    for (const entry of ctx.spf) {
      if (!entry.tree) continue
      const found = new Map<number, { location: Location; term: string; names: Set<string> }>()
      visitTree(entry.tree.root, (node, ancestors) => {
        if (!node.domain || !changed.has(node.domain)) return
        const location = treeLocation(entry, node, ancestors)
        if (!location) return
        const term = [...ancestors, node].reverse().find((n) => n.origin?.source)?.term ?? node.term
        const at = found.get(location.start) ?? { location, term, names: new Set<string>() }
        at.names.add(node.domain)
        found.set(location.start, at)
      })
      for (const { location, term, names } of found.values()) {
        const what = [...names]
          .sort()
          .map((n) => changed.get(n))
          .join('; ')
        ctx.report({
          location,
          message: `"${term}" reaches provider records that changed since ${lock.file} was written: ${what}; ${count(entry)}. Review the change, then run --live --update-lock`,
          name: entry.record.name,
        })
      }
    }
  },
}

/** What changed at one name, or undefined when nothing that matters to SPF did. */
function describe(diff: LockNameDiff): string | undefined {
  const parts: string[] = []
  for (const t of diff.types) {
    // A type only one side asked for is a different walk, not a provider change.
    if (t.before.status === 'absent' || t.after.status === 'absent') continue
    const part = describeType(t)
    if (part) parts.push(part)
  }
  return parts.length ? `${diff.name} ${parts.join(', ')}` : undefined
}

function describeType(t: LockTypeDiff): string | undefined {
  const label = t.type === 'TXT' || t.type === 'SPF' ? '' : `${t.type} `
  if (t.before.status !== t.after.status) {
    const was = t.before.status === 'ok' ? t.before.records.join(' ') : t.before.status
    const now = t.after.status === 'ok' ? t.after.records.join(' ') : t.after.status
    return `${label}changed from "${was}" to "${now}"`
  }
  const changes = [
    ...t.addedTerms.map((x) => `added "${x}"`),
    ...t.removedTerms.map((x) => `removed "${x}"`),
  ]
  // TXT diffs list SPF terms only: other TXT records at a provider name do not matter here.
  return changes.length ? `${label}${changes.join(', ')}` : undefined
}

function count(entry: SpfEntry): string {
  const total = entry.tree?.total
  if (!total) return ''
  const n = `${total.unknown ? 'at least ' : ''}${total.lookups}`
  return `${displayName(entry.record.name)} now needs ${n} DNS lookup${total.lookups === 1 ? '' : 's'} (limit 10)`
}
