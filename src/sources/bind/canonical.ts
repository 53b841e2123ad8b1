import type { ZoneRecord } from '../../model/record.js'

/**
 * One record as the `named-compilezone` pipeline of scripts/bind-golden.sh prints it:
 * `owner ttl IN TYPE rdata`, the owner lower-case and absolute with its trailing dot, the TTL
 * the first of the RRset (the parser applies that), RDATA in BIND's presentation form.
 */
export function formatCanonical(record: ZoneRecord): string {
  const owner = record.name === '.' ? '.' : record.name + '.'
  return `${owner} ${record.ttl} IN ${record.type} ${record.rdata}`
}
