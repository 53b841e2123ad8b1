/**
 * Fixture DNS data as plain values, served by both test servers (the dns-packet one and BIND
 * `named`) so the same behaviour table runs against each.
 */
export type FixtureRecord =
  /** One TXT record: its character-strings, each at most 255 octets (RFC 1035 §3.3). */
  | { name: string; type: 'TXT'; strings: (string | Buffer)[] }
  | { name: string; type: 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'NS'; value: string }
  | { name: string; type: 'MX'; preference: number; exchange: string }

/** How the dns-packet server treats queries for one name (named can only do some of these). */
export interface Behaviour {
  /** Answer with this RCODE instead of the data. */
  rcode?: 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED'
  /** Never answer. */
  drop?: boolean
  /** Wait this long before answering. */
  delayMs?: number
}

export interface Fixture {
  /** Zone apexes the server is authoritative for; other names are REFUSED. */
  zones: string[]
  records: FixtureRecord[]
  /** Per owner name (lower case, no final dot). */
  behaviours?: Record<string, Behaviour>
  /** Zones that fail to load: every name in them answers SERVFAIL (named: a broken zone file). */
  brokenZones?: string[]
}

export function fixtureName(name: string): string {
  const lower = name.toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

/** A TXT record from its logical text, split into 255-octet strings as publishers do. */
export function txt(name: string, text: string | Buffer): FixtureRecord {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text
  const strings: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 255) strings.push(bytes.subarray(i, i + 255))
  if (strings.length === 0) strings.push(Buffer.alloc(0))
  return { name, type: 'TXT', strings }
}

/** The zone a name belongs to: the longest apex that is the name or one of its parents. */
export function zoneOf(zones: string[], name: string): string | undefined {
  const n = fixtureName(name)
  let best: string | undefined
  for (const zone of zones.map(fixtureName)) {
    if ((n === zone || n.endsWith(`.${zone}`)) && (!best || zone.length > best.length)) best = zone
  }
  return best
}

/** Merge fixtures (zones, records and behaviours of each). */
export function mergeFixtures(...fixtures: Fixture[]): Fixture {
  return {
    zones: [...new Set(fixtures.flatMap((f) => f.zones.map(fixtureName)))],
    records: fixtures.flatMap((f) => f.records),
    behaviours: Object.assign({}, ...fixtures.map((f) => f.behaviours ?? {})),
    brokenZones: fixtures.flatMap((f) => f.brokenZones ?? []),
  }
}
