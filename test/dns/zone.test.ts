/**
 * The repository layer: names inside the repository's zones are answered from the files
 * (NXDOMAIN and no data included), delegated subtrees and names outside are left to the next
 * layer (`unknown`).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/model/source.js'
import type { ZoneRecord } from '../../src/model/record.js'
import { indexRecords, ZoneResolver } from '../../src/dns/zone.js'
import { LayeredResolver, type RRType } from '../../src/dns/resolver.js'
import { MemoryResolver } from '../../src/dns/memory.js'
import { parseMasterFile } from '../../src/sources/bind/index.js'

function zone(origin: string, body: string): ZoneRecord[] {
  const text = `$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns.example.net.\n${body}`
  const file = new SourceFile(`db.${origin}`, `/virtual/db.${origin}`, text, 'bytes')
  const result = parseMasterFile(file, { origin })
  expect(result.diagnostics).toEqual([])
  return result.records
}

const records = [
  ...zone(
    'corp.example',
    [
      'www A 192.0.2.1',
      'mail TXT "v=spf1 -all"',
      'a.b.c A 192.0.2.2', // b.c and c are empty non-terminals
      'alias CNAME www',
      'out CNAME lb.example.net.',
      '*.wild TXT "wildcard"',
      'partner NS ns.partner.example.',
      'x.partner A 192.0.2.3', // glue-like data below the cut: not ours to answer
      'sub NS ns.corp.example.', // a cut to a zone the repository also holds
    ].join('\n'),
  ),
  ...zone('sub.corp.example', 'host A 192.0.2.4'),
]
const { byName, zones } = indexRecords(records)
const resolver = new ZoneResolver(byName, zones)

describe('ZoneResolver', () => {
  it.each<[string, RRType, unknown]>([
    ['www.corp.example', 'A', { status: 'ok', records: ['192.0.2.1'], origin: 'zone' }],
    ['WWW.Corp.Example.', 'A', { status: 'ok', records: ['192.0.2.1'], origin: 'zone' }],
    ['www.corp.example', 'AAAA', { status: 'nodata', origin: 'zone' }],
    ['nope.corp.example', 'A', { status: 'nxdomain', origin: 'zone' }],
    ['b.c.corp.example', 'A', { status: 'nodata', origin: 'zone' }],
    ['alias.corp.example', 'A', { status: 'ok', records: ['192.0.2.1'], origin: 'zone' }],
    [
      'alias.corp.example',
      'CNAME',
      { status: 'ok', records: ['www.corp.example'], origin: 'zone' },
    ],
    // The apex holds NS records too: that is no delegation.
    ['corp.example', 'TXT', { status: 'nodata', origin: 'zone' }],
    ['partner.corp.example', 'A', { status: 'unknown' }],
    ['x.partner.corp.example', 'A', { status: 'unknown' }],
    ['deep.x.partner.corp.example', 'TXT', { status: 'unknown' }],
    ['host.sub.corp.example', 'A', { status: 'ok', records: ['192.0.2.4'], origin: 'zone' }],
    ['nope.sub.corp.example', 'A', { status: 'nxdomain', origin: 'zone' }],
    ['other.example', 'A', { status: 'unknown' }],
    // An alias that leads out of the repository says where to.
    ['out.corp.example', 'A', { status: 'unknown', outside: 'lb.example.net' }],
  ])('%s %s', (name, type, expected) => {
    expect(resolver.resolveSync(name, type)).toEqual(expected)
  })

  it('answers a name under a wildcard from it', () => {
    const answer = resolver.resolveSync('anything.wild.corp.example', 'TXT')
    expect(answer).toMatchObject({ status: 'ok', origin: 'zone' })
    expect(answer.status === 'ok' && answer.records.map((r) => r.text)).toEqual(['wildcard'])
  })
})

describe('ALIAS (octoDNS apex alias)', () => {
  // What the octoDNS reader makes of `type: ALIAS`: the provider answers address queries at
  // the apex with the target's addresses, and nothing else.
  const alias = (name: string, target: string) =>
    ({ name, type: 'ALIAS', zone: name, rdata: target }) as unknown as ZoneRecord
  const txt = (name: string) =>
    ({ name, type: 'TXT', zone: name, rdata: '"v=spf1 a -all"' }) as unknown as ZoneRecord
  const { byName, zones } = indexRecords([
    ...records,
    alias('apex.example', 'www.corp.example.'),
    txt('apex.example'),
    alias('far.example', 'lb.example.net.'),
  ])
  const withAlias = new ZoneResolver(byName, zones)

  it.each<[string, RRType, unknown]>([
    ['apex.example', 'A', { status: 'ok', records: ['192.0.2.1'], origin: 'zone' }],
    ['apex.example', 'AAAA', { status: 'nodata', origin: 'zone' }],
    ['apex.example', 'MX', { status: 'nodata', origin: 'zone' }],
    ['far.example', 'A', { status: 'unknown', outside: 'lb.example.net' }],
    ['far.example', 'TXT', { status: 'nodata', origin: 'zone' }],
  ])('%s %s', (name, type, expected) => {
    expect(withAlias.resolveSync(name, type)).toEqual(expected)
  })
})

describe('the layers after the repository', () => {
  // Live DNS still publishes the old state: out.corp.example has an address of its own there.
  const live = new MemoryResolver({
    'out.corp.example': [{ A: '203.0.113.9' }],
    'lb.example.net': [{ A: '198.51.100.1' }],
    'other.example': [{ A: '203.0.113.7' }],
  })
  const layered = new LayeredResolver([resolver, live])

  it.each<[string, string[]]>([
    // The repository's alias decides where the name leads; live DNS is asked about its target.
    ['out.corp.example', ['198.51.100.1']],
    ['other.example', ['203.0.113.7']],
    ['www.corp.example', ['192.0.2.1']],
  ])('%s A', async (name, addresses) => {
    for (const answer of [layered.resolveSync(name, 'A'), await layered.resolve(name, 'A')]) {
      expect(answer).toMatchObject({ status: 'ok', records: addresses })
    }
  })

  it('keeps where an alias led when no layer knows the name', async () => {
    const offline = new LayeredResolver([resolver, new LayeredResolver([])])
    expect(await offline.resolve('out.corp.example', 'A')).toEqual({
      status: 'unknown',
      outside: 'lb.example.net',
    })
  })
})

describe('indexRecords', () => {
  const record = (name: string, type: string, zone = 'z.example') =>
    ({ name, type, zone }) as unknown as ZoneRecord
  it.each<[string, ZoneRecord[], Record<string, string[]>, string[]]>([
    ['empty', [], {}, []],
    [
      'runs of one name',
      [record('a', 'A'), record('a', 'AAAA'), record('b', 'MX'), record('c', 'TXT')],
      { a: ['A', 'AAAA'], b: ['MX'], c: ['TXT'] },
      ['z.example'],
    ],
    [
      'a name that comes back later keeps its records in file order',
      [
        record('a', 'A'),
        record('b', 'A'),
        record('a', 'TXT'),
        record('a', 'MX'),
        record('b', 'MX'),
      ],
      { a: ['A', 'TXT', 'MX'], b: ['A', 'MX'] },
      ['z.example'],
    ],
    [
      'every zone is seen, within a run too',
      [record('a', 'A', 'one.example'), record('a', 'A', 'two.example'), record('b', 'A')],
      { a: ['A', 'A'], b: ['A'] },
      ['one.example', 'two.example', 'z.example'],
    ],
  ])('%s', (_, list, expected, expectedZones) => {
    const { byName, zones } = indexRecords(list)
    const types = Object.fromEntries([...byName].map(([n, rs]) => [n, rs.map((r) => r.type)]))
    expect(types).toEqual(expected)
    expect([...zones].sort()).toEqual(expectedZones)
    // The lists are the index's own: the input array is not shared or changed.
    for (const rs of byName.values()) expect(rs).not.toBe(list)
  })
})
