import type { Rule, SpfEntry } from './types.js'

/**
 * More than one `v=spf1` record at one name is a permerror (RFC 7208 §3.2, §4.5). Records are
 * grouped by owner across every file of the run, so two files defining one name are caught.
 */
export const rule: Rule = {
  code: 'SPF002',
  name: 'multiple-spf-records',
  severity: 'error',
  description: 'More than one `v=spf1` record at one name: permerror (§3.2, §4.5).',
  check(ctx) {
    const byName = new Map<string, SpfEntry[]>()
    for (const entry of ctx.spf) {
      if (entry.record.type !== 'TXT') continue
      const list = byName.get(entry.record.name) ?? []
      list.push(entry)
      byName.set(entry.record.name, list)
    }
    for (const [name, entries] of byName) {
      if (entries.length < 2) continue
      const first = entries[0] as SpfEntry
      const firstAt = first.record.rdataLocation.file.position(first.record.rdataLocation.start)
      for (const entry of entries.slice(1)) {
        ctx.report({
          location: entry.record.rdataLocation,
          message: `${name} has ${entries.length} SPF records; receivers return permerror (RFC 7208 §4.5). Merge them into one: the first is at ${first.record.location.file.path}:${firstAt.line}`,
          name,
        })
      }
    }
  },
}
