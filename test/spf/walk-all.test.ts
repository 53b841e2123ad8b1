/**
 * Walking every record of a run: with `prefetch` (live DNS) the trees must be the very trees a
 * plain walk builds, each (name, type) asked once, and the run as long as the deepest tree in
 * round trips rather than the sum of all queries.
 */
import { describe, expect, it } from 'vitest'
import { MemoryResolver, type MemoryZone } from '../../src/dns/memory.js'
import { CachingResolver } from '../../src/dns/resolver.js'
import type { Answer, RRType, RecordTypes, Resolver } from '../../src/dns/resolver.js'
import type { ZoneRecord } from '../../src/model/record.js'
import type { SpfEntry } from '../../src/rules/types.js'
import { parseSpf } from '../../src/spf/parse.js'
import { walkAll } from '../../src/spf/walk-all.js'

const DELAY_MS = 15

/** Answers from memory after a delay, counting the questions asked. */
class SlowResolver implements Resolver {
  asked: string[] = []
  constructor(private readonly inner: Resolver) {}

  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    this.asked.push(`${type} ${name}`)
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS))
    return this.inner.resolve(name, type)
  }
}

/** Providers three includes deep, shared by every domain, plus one void `a` per domain. */
function zone(domains: number): MemoryZone {
  const z: MemoryZone = {
    'p1.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 include:p2.example -all' }],
    'p2.example': [{ TXT: 'v=spf1 include:p3.example include:p4.example -all' }],
    'p3.example': [{ TXT: 'v=spf1 ip6:2001:db8::/32 mx -all' }, { MX: [10, 'mx.p3.example'] }],
    'p4.example': [{ TXT: 'v=spf1 a:missing.p4.example -all' }],
  }
  for (let i = 0; i < domains; i++) {
    z[`own${i}.example`] = [{ TXT: `v=spf1 a:host${i}.example -all` }]
  }
  return z
}

function entries(domains: number): SpfEntry[] {
  return Array.from({ length: domains }, (_, i) => {
    const text = `v=spf1 include:own${i}.example ${i % 2 ? 'include:p1.example' : ''} -all`
    const record = { name: `d${i}.test`, type: 'TXT', txt: { text } } as unknown as ZoneRecord
    return { record, spf: parseSpf(text) }
  })
}

describe('walkAll', () => {
  it('builds with prefetch the same trees as without, asking each (name, type) once', async () => {
    const domains = 12
    const plain = entries(domains)
    await walkAll(plain, new CachingResolver(new MemoryResolver(zone(domains))))
    const slow = new SlowResolver(new MemoryResolver(zone(domains)))
    const prefetched = entries(domains)
    const done: string[] = []
    const started = performance.now()
    await walkAll(prefetched, new CachingResolver(slow), (_n, e) => done.push(e.record.name), {
      prefetch: true,
    })
    const elapsed = performance.now() - started
    expect(prefetched.map((e) => e.tree)).toEqual(plain.map((e) => e.tree))
    expect(new Set(slow.asked).size).toBe(slow.asked.length)
    expect(done.sort()).toEqual(plain.map((e) => e.record.name).sort())
    // p1, p2, p4, then A and AAAA of the void a: five round trips deep, not one per query.
    expect(slow.asked.length).toBeGreaterThan(3 * domains)
    expect(elapsed).toBeLessThan(DELAY_MS * 6 * 3)
  })
})
