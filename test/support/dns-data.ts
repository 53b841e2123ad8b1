/**
 * The DNS data the resolver tests serve: real provider records (test/fixtures/dns/providers.json,
 * as the providers publish them) plus zones whose names each trigger one behaviour.
 */
import { readFileSync } from 'node:fs'
import { txt } from './dns-fixture.js'
import type { Fixture, FixtureRecord } from './dns-fixture.js'

interface ProviderRecord {
  name: string
  text: string
  source: string
}

interface ProviderFile {
  records: ProviderRecord[]
  later: ProviderRecord[]
}

const file = JSON.parse(
  readFileSync(new URL('../fixtures/dns/providers.json', import.meta.url), 'utf8'),
) as ProviderFile

/** One pinned snapshot per provider name: name → logical record text. */
export const PROVIDERS: ReadonlyMap<string, string> = new Map(
  file.records.map((r) => [r.name, r.text]),
)
/** Newer snapshots of pinned names (for lock diffs). */
export const LATER: ReadonlyMap<string, string> = new Map(file.later.map((r) => [r.name, r.text]))

export const PROVIDER_ZONES = [
  'google.com',
  'microsoft.com',
  'outlook.com',
  'msft.net',
  'hotmail.com',
  'salesforce.com',
  'zendesk.com',
  'mcsv.net',
  'mailhop.org',
  'github.com',
]

/** The address the Salesforce `exists:%{i}._spf.mta.salesforce.com` test authorizes. */
export const SALESFORCE_IP = '192.0.2.10'

export function providerFixture(overrides: ReadonlyMap<string, string> = new Map()): Fixture {
  const records: FixtureRecord[] = []
  for (const [name, text] of PROVIDERS) records.push(txt(name, overrides.get(name) ?? text))
  // RFC 7208 §5.7: `exists` only asks for an A record; the name is built by macro expansion.
  records.push({ name: `${SALESFORCE_IP}._spf.mta.salesforce.com`, type: 'A', value: '127.0.0.2' })
  return { zones: PROVIDER_ZONES, records }
}

export const BIG_TXT = `v=spf1 ${Array.from({ length: 70 }, (_, i) => `ip4:198.51.${i}.0/24`).join(' ')} -all`
/** 60 KiB of TXT in one record: 241 character-strings, only reachable over TCP. */
export const HUGE_TXT = Buffer.alloc(60 * 1024, 'x')
/** Every octet value, split over two strings. */
export const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
export const MANY_COUNT = 1000
export const CHAIN_NAMES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'].map(
  (n) => `${n}.behave.test`,
)
export const SLOW_NAMES = Array.from({ length: 12 }, (_, i) => `s${i}.slow.test`)

export function behaviourFixture(): Fixture {
  const records: FixtureRecord[] = [
    txt('spf.behave.test', 'v=spf1 ip4:192.0.2.0/24 -all'),
    { name: 'behave.test', type: 'MX', preference: 10, exchange: 'mail.behave.test' },
    { name: 'behave.test', type: 'MX', preference: 20, exchange: 'mx2.other.test' },
    { name: 'mail.behave.test', type: 'A', value: '192.0.2.25' },
    { name: 'mail.behave.test', type: 'AAAA', value: '2001:db8::25' },
    { name: '25.2.0.192.in-addr.arpa', type: 'PTR', value: 'mail.behave.test' },
    // Only an A record: TXT is "no data", while missing.behave.test does not exist at all.
    { name: 'nodata.behave.test', type: 'A', value: '192.0.2.26' },
    // An empty non-terminal: exists (NOERROR) with no records of its own (RFC 8020).
    { name: 'leaf.ent.behave.test', type: 'A', value: '192.0.2.27' },
    txt('big.behave.test', BIG_TXT),
    // CNAME chain inside one zone, ending at a TXT record.
    { name: 'alias1.behave.test', type: 'CNAME', value: 'alias2.behave.test' },
    { name: 'alias2.behave.test', type: 'CNAME', value: 'target.behave.test' },
    txt('target.behave.test', 'v=spf1 ip4:203.0.113.0/24 -all'),
    // An alias into another zone: only a recursive resolver (or a server that chases it) gives
    // the TXT; an authoritative server may hand back the CNAME alone.
    { name: 'xalias.behave.test', type: 'CNAME', value: 'spf.other.test' },
    txt('spf.other.test', 'v=spf1 ip4:203.0.113.0/25 -all'),
    // CNAME loop across two zones.
    { name: 'loop1.behave.test', type: 'CNAME', value: 'loop2.other.test' },
    { name: 'loop2.other.test', type: 'CNAME', value: 'loop1.behave.test' },
    // Include loop across two zones: resolution must still answer both names.
    txt('a.loop-one.test', 'v=spf1 include:b.loop-two.test -all'),
    txt('b.loop-two.test', 'v=spf1 include:a.loop-one.test -all'),
    { name: 'x.servfail.test', type: 'A', value: '192.0.2.1' },
    // Hostile answers.
    txt('huge.hostile.test', HUGE_TXT),
    {
      name: 'bytes.hostile.test',
      type: 'TXT',
      strings: [ALL_BYTES.subarray(0, 200), ALL_BYTES.subarray(200)],
    },
    {
      name: 'strings.hostile.test',
      type: 'TXT',
      strings: Array.from({ length: 1000 }, (_, i) => Buffer.from([97 + (i % 26)])),
    },
  ]
  for (let i = 0; i < MANY_COUNT; i++) records.push(txt('many.hostile.test', `s${i}`))
  CHAIN_NAMES.forEach((name, i) => {
    const next = CHAIN_NAMES[i + 1]
    records.push(txt(name, next ? `v=spf1 include:${next} -all` : 'v=spf1 ip4:192.0.2.8 -all'))
  })
  for (const name of SLOW_NAMES) records.push(txt(name, `v=spf1 a:${name} -all`))
  return {
    zones: [
      'behave.test',
      'other.test',
      'loop-one.test',
      'loop-two.test',
      'servfail.test',
      'hostile.test',
      'slow.test',
      '2.0.192.in-addr.arpa',
    ],
    records,
    brokenZones: ['servfail.test'],
    behaviours: Object.fromEntries(SLOW_NAMES.map((name) => [name, { delayMs: 60 }])),
  }
}
