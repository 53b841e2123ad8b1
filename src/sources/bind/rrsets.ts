/**
 * Whole-zone steps BIND takes when it builds the zone from the entries.
 *
 * TTLs: BIND collects consecutive entries of one owner into lists, one per type, where the first
 * TTL wins ("TTL set to prior TTL"); when the owner changes it adds the lists to the zone, and a
 * list added to an existing RRset brings its TTL along. `$GENERATE` adds each of its records at
 * once without ending the current run. So an RRset ends with the first TTL of the run added
 * last (verified with named-compilezone 9.18). `runOf[i]` is record i's run, `committed[run]`
 * the order in which runs were added.
 *
 * A name with a CNAME may hold no other data (RFC 1034 §3.6.2, RFC 2181 §10.1; DNSSEC types
 * excepted, RFC 4035 §2.5).
 */
import { NameIndex } from '../../model/name-index.js'
import type { ZoneRecord } from '../../model/record.js'
import type { SourceDiagnostic } from '../types.js'
import type { IntList } from './int-list.js'

const ALLOWED_WITH_CNAME = new Set(['CNAME', 'RRSIG', 'NSEC', 'KEY'])

export interface Runs {
  runOf: IntList
  committed: IntList
}

export function finishZone(
  records: ZoneRecord[],
  runs: Runs,
  diagnostics: SourceDiagnostic[],
): void {
  const names = NameIndex.of(records)
  for (let i = 0; i < records.length; i++) {
    if (names.isFirst(i) && names.hasMore(i)) checkName(records, names, runs, i, diagnostics)
  }
}

/**
 * Per type of the name being checked: the type, when the run that sets its TTL was added, and
 * that TTL (the first `types` entries are in use).
 */
const seenTypes: string[] = []
const seenCommits: number[] = []
const seenTtls: number[] = []

function checkName(
  records: ZoneRecord[],
  names: NameIndex,
  runs: Runs,
  head: number,
  diagnostics: SourceDiagnostic[],
): void {
  // A name holds a few types: a linear scan of shared arrays beats a Map per name.
  let types = 0
  let cname = false
  let other = false
  let reported = false
  for (let i = head; i !== -1; i = names.nextOf(i)) {
    const record = records[i] as ZoneRecord
    const commit = runs.committed.get(runs.runOf.get(i))
    const seen = indexOfType(record.type, types)
    if (seen === -1) {
      seenTypes[types] = record.type
      seenCommits[types] = commit
      seenTtls[types++] = record.ttl
    } else if (commit > (seenCommits[seen] as number)) {
      seenCommits[seen] = commit
      seenTtls[seen] = record.ttl
    }
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
  for (let i = head; i !== -1; i = names.nextOf(i)) {
    const record = records[i] as ZoneRecord
    record.ttl = seenTtls[indexOfType(record.type, types)] as number
  }
}

function indexOfType(type: string, types: number): number {
  for (let k = 0; k < types; k++) if (seenTypes[k] === type) return k
  return -1
}
