/**
 * Whole-zone steps BIND takes when it builds the zone from the entries.
 *
 * TTLs: each RRset ends with the first TTL of the run of records added to it last (runs.ts).
 *
 * A name with a CNAME may hold no other data (RFC 1034 §3.6.2, RFC 2181 §10.1; DNSSEC types
 * excepted, RFC 4035 §2.5), and at most one CNAME, DNAME or SOA record.
 *
 * The apex NS records: a name server inside the zone must have an address there, must not be an
 * alias and must not lie below a DNAME, or BIND refuses the zone (even with its checks off).
 */
import { NameIndex } from '../../model/name-index.js'
import { NameTree, parentName } from '../../model/name-tree.js'
import type { ZoneRecord } from '../../model/record.js'
import type { SourceDiagnostic } from '../types.js'
import { isInZone } from './names.js'
import type { Runs } from './runs.js'

const ALLOWED_WITH_CNAME = new Set(['CNAME', 'RRSIG', 'NSEC', 'KEY'])
/** Types of which a name holds one record at most (BIND: "multiple RRs of singleton type"). */
const SINGLETON_TYPES = new Set(['CNAME', 'DNAME', 'SOA'])

export function finishZone(
  records: ZoneRecord[],
  runs: Runs,
  diagnostics: SourceDiagnostic[],
  /** The apex: lower-case, without the trailing dot. */
  zone: string,
): void {
  const names = NameIndex.of(records)
  for (let i = 0; i < records.length; i++) {
    if (names.isFirst(i) && names.hasMore(i)) checkName(records, names, runs, i, diagnostics)
  }
  checkApexNs(names, zone, diagnostics)
}

function checkApexNs(names: NameIndex, zone: string, diagnostics: SourceDiagnostic[]): void {
  let tree: NameTree | undefined
  for (const ns of names.get(zone) ?? []) {
    if (ns.type !== 'NS') continue
    const absolute = ns.rdata.toLowerCase()
    if (!isInZone(absolute, `${zone}.`)) continue
    const target = absolute.slice(0, -1)
    const problem = nameServerProblem(target, zone, names, (tree ??= new NameTree(names)))
    if (problem === undefined) continue
    diagnostics.push({
      code: 'SPF401',
      message: `${problem}; BIND refuses the zone`,
      location: ns.rdataLocation,
    })
  }
}

/** What BIND finds wrong with in-zone name server `target`, or undefined. */
function nameServerProblem(
  target: string,
  zone: string,
  names: NameIndex,
  tree: NameTree,
): string | undefined {
  for (let n: string | undefined = target; n !== undefined; n = parentName(n)) {
    const here = names.get(n) ?? []
    if (n !== target && here.some((r) => r.type === 'DNAME')) {
      return `name server ${target} is below the DNAME at ${n}`
    }
    if (n === zone) break
    // At or below a delegation its address is glue, which BIND does not check here.
    if (here.some((r) => r.type === 'NS')) return undefined
  }
  const found = tree.recordsAt(target, zone) ?? []
  if (found.some((r) => r.type === 'CNAME')) {
    return `name server ${target} is an alias (CNAME); an NS record must name a host (RFC 2181 §10.3)`
  }
  if (found.some((r) => r.type === 'A' || r.type === 'AAAA')) return undefined
  const relative = target.slice(0, -zone.length - 1)
  // `ns1.example.net` without its final dot reads as `ns1.example.net.<zone>`.
  const hint = relative.includes('.') ? ` (if you meant ${relative}, end it with a dot)` : ''
  return `name server ${target} is in this zone but has no A or AAAA record${hint}`
}

/**
 * Per type of the name being checked: the type, when the run that sets its TTL was added, and
 * that TTL (the first `types` entries are in use).
 */
const seenTypes: string[] = []
const seenCommits: number[] = []
const seenTtls: number[] = []
/** For the singleton types: the first record's RDATA, lower-cased (names compare so). */
const seenRdata: string[] = []

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
  let singletonReported = false
  for (let i = head; i !== -1; i = names.nextOf(i)) {
    const record = records[i] as ZoneRecord
    const commit = runs.committed.get(runs.runOf.get(i))
    const seen = indexOfType(record.type, types)
    const singleton = SINGLETON_TYPES.has(record.type)
    if (seen === -1) {
      seenTypes[types] = record.type
      seenCommits[types] = commit
      seenRdata[types] = singleton ? record.rdata.toLowerCase() : ''
      seenTtls[types++] = record.ttl
    } else {
      if (commit > (seenCommits[seen] as number)) {
        seenCommits[seen] = commit
        seenTtls[seen] = record.ttl
      }
      if (singleton && !singletonReported && record.rdata.toLowerCase() !== seenRdata[seen]) {
        singletonReported = true
        diagnostics.push({
          code: 'SPF401',
          message: `"${record.name}" has more than one ${record.type} record; BIND refuses the zone ("multiple RRs of singleton type")`,
          location: record.location,
        })
      }
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
