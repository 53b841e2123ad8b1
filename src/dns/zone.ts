/**
 * The repository layer: answers DNS questions from the records in the linted files, i.e. the
 * state the pull request proposes. A name inside a zone the repository defines is answered
 * authoritatively (including NXDOMAIN and no data); anything else is `unknown`, for the next
 * layer (the lock file, live DNS) to answer.
 */
import { NameIndex } from '../model/name-index.js'
import { NameTree, parentName } from '../model/name-tree.js'
import type { ZoneRecord } from '../model/record.js'
import type { Answer, MxAnswer, RecordTypes, Resolver, RRType, TxtAnswer } from './resolver.js'
import { normalizeName } from './resolver.js'

export class ZoneResolver implements Resolver {
  /** Names below an apex that hold NS records (delegations); found on the first lookup. */
  private cuts: Set<string> | undefined
  private readonly tree: NameTree

  constructor(
    private readonly byName: ReadonlyMap<string, readonly ZoneRecord[]>,
    private readonly zones: ReadonlySet<string>,
  ) {
    this.tree = new NameTree(byName)
  }

  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    return this.lookup(normalizeName(name), type, 0) as Answer<RecordTypes[T]>
  }

  resolveSync<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> {
    return this.lookup(normalizeName(name), type, 0) as Answer<RecordTypes[T]>
  }

  private lookup(name: string, type: RRType, depth: number): Answer<unknown> {
    const zone = this.enclosingZone(name)
    if (zone === undefined || this.isDelegated(name, zone))
      return depth > 0 ? { status: 'unknown', outside: name } : { status: 'unknown' }
    const here = this.tree.recordsAt(name, zone)
    if (here && here.length > 0) {
      const matching = here.filter((r) => r.type === type)
      if (matching.length > 0)
        return { status: 'ok', records: matching.map((r) => toAnswer(r, type)), origin: 'zone' }
      // RFC 1034 §3.6.2: a resolver follows the alias; bound the chain so loops cannot spin.
      // An apex ALIAS (octoDNS) is answered by its provider as the target's addresses.
      const alias =
        here.find((r) => r.type === 'CNAME') ??
        (type === 'A' || type === 'AAAA' ? here.find((r) => r.type === 'ALIAS') : undefined)
      if (alias && type !== 'CNAME') {
        if (depth >= 8)
          return { status: 'error', error: `CNAME chain too long at ${name}`, origin: 'zone' }
        return this.lookup(normalizeName(alias.rdata), type, depth + 1)
      }
      return { status: 'nodata', origin: 'zone' }
    }
    return this.tree.isEmptyNonTerminal(name)
      ? { status: 'nodata', origin: 'zone' }
      : { status: 'nxdomain', origin: 'zone' }
  }

  private enclosingZone(name: string): string | undefined {
    for (
      let candidate: string | undefined = name;
      candidate !== undefined;
      candidate = parentName(candidate)
    ) {
      if (this.zones.has(candidate)) return candidate
    }
    return undefined
  }

  /** NS records below the apex hand the subtree to other servers: not ours to answer. */
  private isDelegated(name: string, zone: string): boolean {
    const cuts = (this.cuts ??= delegationPoints(this.byName, this.zones))
    if (cuts.size === 0) return false
    for (let n: string | undefined = name; n !== undefined && n !== zone; n = parentName(n)) {
      if (cuts.has(n)) return true
    }
    return false
  }
}

/**
 * Every name with NS records that is not the apex of a repository zone. Between a name and its
 * closest enclosing zone there is no other apex, so these are exactly the cuts a lookup can
 * cross.
 */
function delegationPoints(
  byName: ReadonlyMap<string, readonly ZoneRecord[]>,
  zones: ReadonlySet<string>,
): Set<string> {
  const cuts = new Set<string>()
  for (const [name, records] of byName) {
    if (zones.has(name)) continue
    for (const record of records) {
      if (record.type === 'NS') {
        cuts.add(name)
        break
      }
    }
  }
  return cuts
}

function toAnswer(record: ZoneRecord, type: RRType): unknown {
  switch (type) {
    case 'TXT':
    case 'SPF': {
      const answer: TxtAnswer = {
        text: record.txt?.text ?? '',
        strings: record.txt?.strings ?? [],
        source: record,
      }
      return answer
    }
    case 'MX':
      return parseMx(record.rdata)
    case 'CNAME':
    case 'PTR':
      return normalizeName(record.rdata)
    default:
      return record.rdata
  }
}

function parseMx(rdata: string): MxAnswer {
  const [preference, exchange] = rdata.trim().split(/\s+/)
  return { preference: Number(preference), exchange: normalizeName(exchange ?? '') }
}

/** Group records by owner name; the zones set is every apex seen. */
export function indexRecords(records: readonly ZoneRecord[]): {
  byName: NameIndex
  zones: Set<string>
} {
  const zones = new Set<string>()
  let zone: string | undefined
  for (let i = 0; i < records.length; i++) {
    const recordZone = (records[i] as ZoneRecord).zone
    if (recordZone !== zone) zones.add((zone = recordZone))
  }
  return { byName: NameIndex.of(records), zones }
}
