import type { ZoneRecord } from '../model/record.js'
import type { Rule } from './types.js'
import { isSpfTxtRecord } from './util.js'

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
    // Along the name index's chains over all records: no lookup per SPF record, and a list only
    // for a name that has a second SPF record.
    const { records, byName } = ctx
    for (let head = 0; head < records.length; head++) {
      if (!byName.isFirst(head) || !byName.hasMore(head)) continue
      let spf: ZoneRecord[] | undefined
      let first: ZoneRecord | undefined
      for (let i = head; i !== -1; i = byName.nextOf(i)) {
        const record = records[i] as ZoneRecord
        if (!isSpfTxtRecord(record)) continue
        if (first === undefined) first = record
        else (spf ??= [first]).push(record)
      }
      if (spf === undefined || first === undefined) continue
      const firstAt = first.rdataLocation.file.position(first.rdataLocation.start)
      for (const record of spf.slice(1)) {
        ctx.report({
          location: record.rdataLocation,
          message: `${record.name} has ${spf.length} SPF records; receivers return permerror (RFC 7208 §4.5). Merge them into one: the first is at ${first.location.file.path}:${firstAt.line}`,
          name: record.name,
        })
      }
    }
  },
}
