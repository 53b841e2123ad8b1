/**
 * Whole-zone steps BIND takes when it builds the zone from the entries: the records of one
 * RRset share the first TTL seen ("TTL set to prior TTL"), and a name with a CNAME may hold no
 * other data (RFC 1034 §3.6.2, RFC 2181 §10.1; DNSSEC types excepted, RFC 4035 §2.5).
 */
import type { ZoneRecord } from '../../model/record.js'
import type { SourceDiagnostic } from '../types.js'

const ALLOWED_WITH_CNAME = new Set(['CNAME', 'RRSIG', 'NSEC', 'KEY'])

export function finishZone(records: ZoneRecord[], diagnostics: SourceDiagnostic[]): void {
  // One map lookup per record: the first record of each name, then a chain through the rest.
  // Almost every name holds one record, so the chains are short.
  const firstOfName = new Map<string, number>()
  const next = new Int32Array(records.length).fill(-1)
  const last = new Int32Array(records.length)
  for (let i = 0; i < records.length; i++) {
    const name = (records[i] as ZoneRecord).name
    const head = firstOfName.get(name)
    if (head === undefined) {
      firstOfName.set(name, i)
      last[i] = i
    } else {
      next[last[head] as number] = i
      last[head] = i
    }
  }
  for (const head of firstOfName.values()) {
    if (next[head] === -1) continue
    checkName(records, next, head, diagnostics)
  }
}

function checkName(
  records: ZoneRecord[],
  next: Int32Array,
  head: number,
  diagnostics: SourceDiagnostic[],
): void {
  const firstTtl = new Map<string, number>()
  let cname = false
  let other = false
  let reported = false
  for (let i = head; i !== -1; i = next[i] as number) {
    const record = records[i] as ZoneRecord
    const ttl = firstTtl.get(record.type)
    if (ttl === undefined) firstTtl.set(record.type, record.ttl)
    else record.ttl = ttl
    if (record.type === 'CNAME') cname = true
    else if (!ALLOWED_WITH_CNAME.has(record.type)) other = true
    if (cname && other && !reported) {
      reported = true
      diagnostics.push({
        code: 'SPF401',
        message: `"${record.name}" has a CNAME and other data; BIND refuses the zone`,
        location: record.location,
      })
    }
  }
}
