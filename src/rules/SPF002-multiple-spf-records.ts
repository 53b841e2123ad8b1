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
    // Nearly every name has one SPF record: remember the first per name, and make a list only
    // for the names that have more.
    const first = new Map<string, SpfEntry>()
    const more = new Map<string, SpfEntry[]>()
    for (const entry of ctx.spf) {
      if (entry.record.type !== 'TXT') continue
      const name = entry.record.name
      const seen = first.get(name)
      const list = seen === undefined ? undefined : more.get(name)
      if (seen === undefined) first.set(name, entry)
      else if (list) list.push(entry)
      else more.set(name, [seen, entry])
    }
    for (const [name, entries] of more) {
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
