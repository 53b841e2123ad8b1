/**
 * A resolver over in-memory records, in the shape of the OpenSPF test suite's `zonedata`:
 *
 *   { 'example.com': [ { TXT: 'v=spf1 -all' }, { A: '192.0.2.1' }, { MX: [10, 'mx.example.com'] },
 *                      'TIMEOUT' ] }
 *
 * - A name that is present answers `nodata` for types it lacks; an absent name is `nxdomain`.
 * - `TXT` / `SPF` values are one string or a list of character-strings (joined without spaces,
 *   RFC 7208 §3.3). `TXT: NONE` marks that the name has no TXT record.
 * - Every `SPF` record is also served as TXT unless the name has an explicit `TXT` entry (the
 *   suite's convention), after the name's other entries.
 * - `TIMEOUT`: a query for a type with no record listed before it fails (`error`); a name whose
 *   only entry is `TIMEOUT` fails for every type.
 * - CNAMEs are followed as a recursive resolver would (RFC 1034 §3.6.2); a loop is an `error`.
 * - Names are matched case-insensitively; a trailing dot is ignored.
 */
import {
  normalizeName,
  type Answer,
  type MxAnswer,
  type RecordTypes,
  type Resolver,
  type RRType,
  type TxtAnswer,
} from './resolver.js'

export type MemoryRecord =
  | { TXT: string | string[] }
  | { SPF: string | string[] }
  | { A: string }
  | { AAAA: string }
  | { MX: [number, string] }
  | { PTR: string }
  | { CNAME: string }
  | 'TIMEOUT'

export type MemoryZone = Record<string, MemoryRecord[]>

type Entry = { type: RRType; value: unknown } | 'TIMEOUT'

const MAX_CNAME_CHAIN = 8

export class MemoryResolver implements Resolver {
  private readonly names = new Map<string, Entry[]>()
  /** Number of `resolve` calls, for tests that bound the work done. */
  queries = 0

  constructor(zone: MemoryZone) {
    for (const [owner, records] of Object.entries(zone)) {
      const key = normalizeName(owner)
      const entries = this.names.get(key) ?? []
      const spf: Entry[] = []
      let explicitTxt = entries.some((e) => e !== 'TIMEOUT' && e.type === 'TXT')
      for (const record of records ?? []) {
        if (record === 'TIMEOUT') {
          entries.push('TIMEOUT')
          continue
        }
        const [type, raw] = Object.entries(record)[0] as [string, unknown]
        const rrType = type.toUpperCase() as RRType
        if (rrType === 'TXT') explicitTxt = true
        if ((rrType === 'TXT' || rrType === 'SPF') && raw === 'NONE') continue
        const value = toValue(rrType, raw)
        entries.push({ type: rrType, value })
        if (rrType === 'SPF') spf.push({ type: 'TXT', value })
      }
      if (!explicitTxt) entries.push(...spf)
      this.names.set(key, entries)
    }
  }

  resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    // Not `async`: the answer is at hand, one settled promise is all a caller needs.
    try {
      return Promise.resolve(this.resolveSync(name, type))
    } catch (err) {
      return Promise.reject(err)
    }
  }

  /** Every answer is in memory: callers that can use it now need no promise. */
  resolveSync<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> {
    this.queries++
    return this.lookup(normalizeName(name), type, 0) as Answer<RecordTypes[T]>
  }

  private lookup(name: string, type: RRType, depth: number): Answer<unknown> {
    const entries = this.names.get(name)
    if (!entries) return { status: 'nxdomain', origin: 'zone' }
    const records: unknown[] = []
    let seen = false
    let cname: string | undefined
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k] as Entry
      if (entry === 'TIMEOUT') {
        if (!seen)
          return { status: 'error', error: `timeout querying ${type} ${name}`, origin: 'zone' }
        break
      }
      if (entry.type === type) {
        seen = true
        records.push(entry.value)
      } else if (entry.type === 'CNAME' && cname === undefined) cname = entry.value as string
    }
    if (records.length) return { status: 'ok', records, origin: 'zone' }
    if (cname !== undefined && type !== 'CNAME') {
      if (depth >= MAX_CNAME_CHAIN) {
        return {
          status: 'error',
          error: `CNAME chain too long or looping at ${name}`,
          origin: 'zone',
        }
      }
      return this.lookup(normalizeName(cname), type, depth + 1)
    }
    return { status: 'nodata', origin: 'zone' }
  }
}

function toValue(type: RRType, raw: unknown): unknown {
  switch (type) {
    case 'TXT':
    case 'SPF': {
      const strings = Array.isArray(raw) ? raw.map(String) : [String(raw)]
      const txt: TxtAnswer = { text: strings.join(''), strings }
      return txt
    }
    case 'MX': {
      const [preference, exchange] = raw as [number, string]
      const mx: MxAnswer = { preference: Number(preference), exchange: String(exchange ?? '') }
      return mx
    }
    default:
      return String(raw)
  }
}
