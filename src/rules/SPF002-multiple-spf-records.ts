import type { ZoneRecord } from '../model/record.js'
import { isSpfRecordText } from '../spf/types.js'
import type { Rule } from './types.js'

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
    // By the name index's chains over all records: no lookup per SPF record, and only the names
    // with more than one record are looked at.
    const { records, byName } = ctx
    for (let head = 0; head < records.length; head++) {
      if (!byName.isFirst(head) || !byName.hasMore(head)) continue
      let count = 0
      for (let i = head; i !== -1; i = byName.nextOf(i))
        if (isSpfTxt(records[i] as ZoneRecord)) count++
      if (count < 2) continue
      let first: ZoneRecord | undefined
      for (let i = head; i !== -1; i = byName.nextOf(i)) {
        const record = records[i] as ZoneRecord
        if (!isSpfTxt(record)) continue
        if (!first) {
          first = record
          continue
        }
        const firstAt = first.rdataLocation.file.position(first.rdataLocation.start)
        ctx.report({
          location: record.rdataLocation,
          message: `${record.name} has ${count} SPF records; receivers return permerror (RFC 7208 §4.5). Merge them into one: the first is at ${first.location.file.path}:${firstAt.line}`,
          name: record.name,
        })
      }
    }
  },
}

function isSpfTxt(record: ZoneRecord): boolean {
  return record.type === 'TXT' && record.txt !== undefined && isSpfRecordText(record.txt.text)
}
