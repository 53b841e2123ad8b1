/**
 * Whole-zone steps BIND takes when it builds the zone from the entries: the records of one
 * RRset share the first TTL seen ("TTL set to prior TTL"), and a name with a CNAME may hold no
 * other data (RFC 1034 §3.6.2; RFC 2181 §10.1; DNSSEC types excepted, RFC 4035 §2.5).
 */
import type { ZoneRecord } from '../../model/record.js'
import type { SourceDiagnostic } from '../types.js'

const ALLOWED_WITH_CNAME = new Set(['CNAME', 'RRSIG', 'NSEC', 'KEY'])

export function finishZone(
  records: ZoneRecord[],
  _zone: string,
  diagnostics: SourceDiagnostic[],
): void {
  const firstTtl = new Map<string, number>()
  /** Per name: bit 1 = has a CNAME, bit 2 = has other data, bit 4 = already reported. */
  const shape = new Map<string, number>()
  for (const record of records) {
    const key = record.type + ' ' + record.name
    const ttl = firstTtl.get(key)
    if (ttl === undefined) firstTtl.set(key, record.ttl)
    else record.ttl = ttl
    const bit = record.type === 'CNAME' ? 1 : ALLOWED_WITH_CNAME.has(record.type) ? 0 : 2
    if (bit === 0) continue
    const before = shape.get(record.name) ?? 0
    const after = before | bit
    if (after !== before) shape.set(record.name, after)
    if ((after & 3) === 3 && (before & 4) === 0) {
      shape.set(record.name, after | 4)
      diagnostics.push({
        code: 'SPF401',
        message: `"${record.name}" has a CNAME and other data; BIND refuses the zone`,
        location: record.location,
      })
    }
  }
}
