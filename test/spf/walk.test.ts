/**
 * The worst-case lookup tree (RFC 7208 §4.6.4), walked statically: every branch, each term
 * counted each time it is reached, against an in-memory resolver standing for the zones.
 */
import { describe, expect, it } from 'vitest'
import { MemoryResolver, type MemoryZone } from '../../src/dns/memory.js'
import {
  CachingResolver,
  type Answer,
  type RecordTypes,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js'
import { parseSpf } from '../../src/spf/parse.js'
import type { LookupNode } from '../../src/spf/tree.js'
import { walkRecord, walkTree } from '../../src/spf/walk.js'
import { HANG_MS } from '../support/bounds.js'

async function walk(zone: MemoryZone, domain = 'example.com', resolver?: Resolver) {
  const r = resolver ?? new MemoryResolver(zone)
  const txt = zone[domain]?.find((e) => typeof e === 'object' && 'TXT' in e) as { TXT: string }
  return walkRecord(domain, parseSpf(txt.TXT), r)
}

const statuses = (node: LookupNode): string[] => [
  `${node.term}:${node.status}`,
  ...node.children.flatMap(statuses),
]

describe('lookup counting', () => {
  it.each<[string, MemoryZone, number, number]>([
    [
      'each querying term costs one; ip4, ip6, all and exp are free',
      {
        'example.com': [
          {
            TXT: 'v=spf1 a mx ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:e.example.com exp=x.example.com -all',
          },
          { A: '192.0.2.1' },
          { MX: [10, 'mx.example.com'] },
        ],
        'e.example.com': [{ A: '127.0.0.2' }],
        'mx.example.com': [{ A: '192.0.2.25' }],
      },
      3,
      0,
    ],
    [
      'an MX host with no address of either family is a void lookup; one family is enough',
      {
        'example.com': [
          { TXT: 'v=spf1 mx -all' },
          ...['v4', 'v6', 'bare', 'gone'].map((h, i) => ({
            MX: [i, `${h}.example.com`] as [number, string],
          })),
        ],
        'v4.example.com': [{ A: '192.0.2.25' }],
        'v6.example.com': [{ AAAA: '2001:db8::25' }],
        'bare.example.com': [{ TXT: 'no address here' }],
      },
      1,
      2,
    ],
    [
      'a name included twice costs twice, its void lookups too (every branch, each time it is reached)',
      {
        'example.com': [{ TXT: 'v=spf1 include:a.example.com include:b.example.com -all' }],
        'a.example.com': [{ TXT: 'v=spf1 include:shared.example.com -all' }],
        'b.example.com': [{ TXT: 'v=spf1 include:shared.example.com -all' }],
        'shared.example.com': [{ TXT: 'v=spf1 a mx -all' }],
      },
      8,
      4,
    ],
    [
      'redirect is not followed when all is present (§6.1); terms after all are never reached (§5.1)',
      {
        'example.com': [{ TXT: 'v=spf1 mx -all include:never.example.com redirect=r.example.com' }],
        'r.example.com': [{ TXT: 'v=spf1 a a a -all' }],
      },
      1,
      1,
    ],
    [
      'redirect without all is followed and costs one plus its tree',
      {
        'example.com': [{ TXT: 'v=spf1 redirect=r.example.com' }],
        'r.example.com': [
          { TXT: 'v=spf1 a mx -all' },
          { A: '192.0.2.1' },
          { MX: [10, 'mx.example.com'] },
        ],
        'mx.example.com': [{ AAAA: '2001:db8::25' }],
      },
      3,
      0,
    ],
  ])('%s', async (_title, zone, lookups, voids) => {
    const tree = await walk(zone)
    expect(tree.total.lookups).toBe(lookups)
    expect(tree.total.voidLookups).toBe(voids)
    expect(tree.total.unknown).toBe(false)
  })

  it('counts one void lookup per query that returns nothing (NXDOMAIN or no data)', async () => {
    const tree = await walk({
      'example.com': [
        { TXT: 'v=spf1 a:gone.example.com mx:nomx.example.com exists:nothing.example.com -all' },
      ],
      'nomx.example.com': [{ A: '192.0.2.9' }],
    })
    expect(tree.total.voidLookups).toBe(3)
    expect(statuses(tree.root).filter((s) => s.endsWith(':void'))).toHaveLength(3)
  })

  it('asks only A for an a term whose name has A records (an IPv4 sender asks nothing more)', async () => {
    const asked: string[] = []
    const inner = new MemoryResolver({
      'example.com': [{ TXT: 'v=spf1 a -all' }, { A: '192.0.2.1' }],
    })
    const counting: Resolver = {
      resolve: (name, type) => {
        asked.push(`${type} ${name}`)
        return inner.resolve(name, type)
      },
    }
    await walk({ 'example.com': [{ TXT: 'v=spf1 a -all' }] }, 'example.com', counting)
    expect(asked).toEqual(['A example.com'])
  })

  it('counts more than 10 MX names as too-many-mx (§4.6.4)', async () => {
    const mx = Array.from({ length: 11 }, (_, i) => ({
      MX: [i, `mx${i}.example.com`] as [number, string],
    }))
    const tree = await walk({ 'example.com': [{ TXT: 'v=spf1 mx -all' }, ...mx] })
    expect(tree.root.children[0]).toMatchObject({ status: 'too-many-mx', mxNames: 11 })
  })

  it('costs one for a macro term and marks its subtree unknown (the count is a lower bound)', async () => {
    const tree = await walk({
      'example.com': [
        { TXT: 'v=spf1 exists:%{i}._spf.example.com include:%{d}.x.example.com -all' },
      ],
    })
    expect(tree.total).toEqual({ lookups: 2, voidLookups: 0, unknown: true })
  })

  it('reports include targets without SPF, with several SPF records, and names outside the zones', async () => {
    const zone: MemoryZone = {
      'example.com': [
        {
          TXT: 'v=spf1 include:nospf.example.com include:two.example.com include:gone.example.com -all',
        },
      ],
      'nospf.example.com': [{ TXT: 'google-site-verification=abc' }],
      'two.example.com': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 ~all' }],
    }
    const tree = await walk(zone)
    expect(statuses(tree.root).slice(1)).toEqual([
      'include:nospf.example.com:no-spf',
      'include:two.example.com:multiple-spf',
      'include:gone.example.com:void',
    ])
    const offline: Resolver = { resolve: async () => ({ status: 'unknown' }) }
    const unknown = await walkRecord(
      'example.com',
      parseSpf('v=spf1 include:_spf.google.com -all'),
      offline,
    )
    expect(unknown.root.children[0]?.status).toBe('unknown')
    expect(unknown.total).toEqual({ lookups: 1, voidLookups: 0, unknown: true })
  })

  /** The zone's answers, except the listed queries (`AAAA host`), which fail as a timeout does. */
  const failingOn = (zone: MemoryZone, failing: string[]): Resolver => {
    const inner = new MemoryResolver(zone)
    return {
      resolve: (name, type) =>
        failing.includes(`${type} ${name}`)
          ? Promise.resolve({ status: 'error', error: 'timed out', origin: 'live' })
          : inner.resolve(name, type),
    }
  }

  // An address query that fails is a temperror at receivers (§5.3, §5.4), for an `a` target
  // and an MX host alike; only answers that are empty for every sender are void lookups.
  it.each<[string, string, string[], string, number, string]>([
    [
      'a: no A, AAAA fails',
      'v=spf1 a:h.example.com -all',
      ['AAAA h.example.com'],
      'error',
      0,
      'timed out',
    ],
    ['a: no A, no AAAA', 'v=spf1 a:h.example.com -all', [], 'void', 1, 'no A/AAAA records'],
    [
      'mx: host with no A, AAAA fails',
      'v=spf1 mx:m.example.com -all',
      ['AAAA h.example.com'],
      'error',
      0,
      'address lookup failed for MX h.example.com (timed out)',
    ],
    [
      'mx: host whose A fails',
      'v=spf1 mx:m.example.com -all',
      ['A h.example.com'],
      'error',
      0,
      'address lookup failed for MX h.example.com (timed out)',
    ],
    [
      'mx: host with neither A nor AAAA',
      'v=spf1 mx:m.example.com -all',
      [],
      'ok',
      1,
      'MX host with no address: h.example.com',
    ],
  ])('%s', async (_title, record, failing, status, voids, detail) => {
    const zone: MemoryZone = {
      'example.com': [{ TXT: record }],
      'h.example.com': [{ TXT: 'no address here' }],
      'm.example.com': [{ MX: [10, 'h.example.com'] }],
    }
    const tree = await walkRecord('example.com', parseSpf(record), failingOn(zone, failing))
    expect(tree.root.children[0]).toMatchObject({ status })
    expect(tree.root.children[0]?.detail).toContain(detail)
    expect(tree.total.voidLookups).toBe(voids)
  })
})

describe('hostile graphs finish, bounded', () => {
  it('detects self-includes and cycles without following them again', async () => {
    const tree = await walk({
      'example.com': [{ TXT: 'v=spf1 include:example.com include:a.example.com -all' }],
      'a.example.com': [{ TXT: 'v=spf1 include:b.example.com -all' }],
      'b.example.com': [{ TXT: 'v=spf1 include:a.example.com -all' }],
    })
    expect(statuses(tree.root)).toContain('include:example.com:loop')
    expect(statuses(tree.root)).toContain('include:a.example.com:loop')
  })

  it('walks a 1000-name fan-out (every include has 10 includes) with a bounded tree and bounded queries', async () => {
    const zone: MemoryZone = {}
    const names = Array.from({ length: 1000 }, (_, i) => `n${i}.example.com`)
    const includes = (from: number) =>
      Array.from({ length: 10 }, (_, k) => `include:${names[(from * 10 + k + 1) % 1000]}`).join(' ')
    zone['example.com'] = [{ TXT: `v=spf1 ${includes(0)} -all` }]
    names.forEach((name, i) => (zone[name] = [{ TXT: `v=spf1 ${includes(i)} -all` }]))
    const memory = new MemoryResolver(zone)
    const started = Date.now()
    const tree = await walk(zone, 'example.com', new CachingResolver(memory))
    let nodes = 0
    const count = (n: LookupNode): void => {
      nodes++
      n.children.forEach(count)
    }
    count(tree.root)
    expect(nodes).toBeLessThanOrEqual(2100)
    expect(memory.queries).toBeLessThanOrEqual(1001)
    expect(tree.total.lookups).toBeGreaterThan(10)
    expect(tree.total.unknown).toBe(true)
    expect(Date.now() - started).toBeLessThan(HANG_MS)
  })
})

describe('answers that are not at hand', () => {
  /** Answers through `resolve` only, a turn later, with no cache: as live DNS without one. */
  class LaterResolver implements Resolver {
    readonly asked: string[] = []
    constructor(private readonly inner: MemoryResolver) {}
    async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
      this.asked.push(`${type} ${name}`)
      await new Promise((resolve) => setImmediate(resolve))
      return this.inner.resolve(name, type)
    }
  }

  const zone: MemoryZone = {
    'example.com': [{ TXT: 'v=spf1 include:a.example.com mx a:void.example.com -all' }],
    'a.example.com': [{ TXT: 'v=spf1 include:b.example.com include:b.example.com ~all' }],
    'b.example.com': [{ TXT: 'v=spf1 exists:e.example.com redirect=c.example.com' }],
    'c.example.com': [{ TXT: 'v=spf1 ptr -all' }],
    'e.example.com': [{ A: '127.0.0.1' }],
  }
  const spf = parseSpf((zone['example.com']?.[0] as { TXT: string }).TXT)

  it.each([
    ['one at a time', {}],
    ['all at once (warming a cache)', { parallel: true }],
  ])('%s: the tree answers at hand give, each (name, type) asked once', async (_, mode) => {
    const atHand = await walkRecord('example.com', spf, new MemoryResolver(zone))
    const later = new LaterResolver(new MemoryResolver(zone))
    const limits = { maxDepth: 12, maxNodes: 2000, ...mode }
    const tree = await walkRecord('example.com', spf, later, undefined, limits)
    expect(tree).toEqual(atHand)
    expect(new Set(later.asked).size).toBe(later.asked.length)
    expect(later.asked.length).toBeGreaterThan(5)
  })

  it('walkTree gives the tree itself when every answer is at hand, a promise otherwise', async () => {
    const now = walkTree('example.com', spf, new MemoryResolver(zone))
    expect(now).not.toBeInstanceOf(Promise)
    const later = walkTree('example.com', spf, new LaterResolver(new MemoryResolver(zone)))
    expect(later).toBeInstanceOf(Promise)
    expect(await later).toEqual(now)
  })

  it('a query that fails rejects the walk', async () => {
    const failing: Resolver = { resolve: () => Promise.reject(new Error('socket closed')) }
    await expect(walkRecord('example.com', spf, failing)).rejects.toThrow('socket closed')
    const limits = { maxDepth: 12, maxNodes: 2000, parallel: true }
    await expect(walkRecord('example.com', spf, failing, undefined, limits)).rejects.toThrow(
      'socket closed',
    )
  })
})
