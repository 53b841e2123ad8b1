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
import type { ZoneRecord } from '../../model/record.js'
import type { SourceDiagnostic } from '../types.js'

const ALLOWED_WITH_CNAME = new Set(['CNAME', 'RRSIG', 'NSEC', 'KEY'])

export interface Runs {
  runOf: number[]
  committed: number[]
}

export function finishZone(
  records: ZoneRecord[],
  runs: Runs,
  diagnostics: SourceDiagnostic[],
): void {
  const heads = groupByName(records)
  for (let i = 0; i < records.length; i++) {
    if (heads.next[i] !== -1 && heads.isHead[i] === 1) {
      checkName(records, heads.next, runs, i, diagnostics)
    }
  }
}

/**
 * Chain the records of each name together (`next`), marking the first of each. An open-addressing
 * table over typed arrays: a Map with a million string keys costs twice the time and much
 * garbage, and almost every name holds a single record.
 */
function groupByName(records: ZoneRecord[]): { next: Int32Array; isHead: Uint8Array } {
  const n = records.length
  const next = new Int32Array(n).fill(-1)
  const tail = new Int32Array(n)
  const isHead = new Uint8Array(n)
  let capacity = 16
  while (capacity < n * 2) capacity *= 2
  const mask = capacity - 1
  const table = new Int32Array(capacity).fill(-1)
  // The full hash of each slot's name: strings are compared only when hashes match.
  const hashes = new Int32Array(capacity)
  let previous = ''
  let previousHead = -1
  for (let i = 0; i < n; i++) {
    const name = (records[i] as ZoneRecord).name
    // Records of one owner are mostly consecutive and share one name string.
    if (name === previous) {
      next[tail[previousHead] as number] = i
      tail[previousHead] = i
      continue
    }
    previous = name
    const h = hash(name)
    let slot = h & mask
    for (;;) {
      const head = table[slot] as number
      if (head === -1) {
        table[slot] = i
        hashes[slot] = h
        isHead[i] = 1
        tail[i] = i
        previousHead = i
        break
      }
      if (hashes[slot] === h && (records[head] as ZoneRecord).name === name) {
        next[tail[head] as number] = i
        tail[head] = i
        previousHead = head
        break
      }
      slot = (slot + 1) & mask
    }
  }
  return { next, isHead }
}

/** FNV-1a over the name's characters. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
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
  next: Int32Array,
  runs: Runs,
  head: number,
  diagnostics: SourceDiagnostic[],
): void {
  // A name holds a few types: a linear scan of shared arrays beats a Map per name.
  let types = 0
  let cname = false
  let other = false
  let reported = false
  for (let i = head; i !== -1; i = next[i] as number) {
    const record = records[i] as ZoneRecord
    const commit = runs.committed[runs.runOf[i] as number] as number
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
  for (let i = head; i !== -1; i = next[i] as number) {
    const record = records[i] as ZoneRecord
    record.ttl = seenTtls[indexOfType(record.type, types)] as number
  }
}

function indexOfType(type: string, types: number): number {
  for (let k = 0; k < types; k++) if (seenTypes[k] === type) return k
  return -1
}
