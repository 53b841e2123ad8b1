/** The per-record summaries of terms and of lookup trees that the rules read. */
import { describe, expect, it } from 'vitest'
import type { ZoneRecord } from '../../src/model/record.js'
import type { SpfEntry } from '../../src/rules/types.js'
import {
  AFTER_ALL,
  ALL_NEUTRAL,
  entriesByTerms,
  entriesByTree,
  ALL_PASS,
  HAS_ALL,
  HAS_IP,
  HAS_PTR,
  HAS_REDIRECT,
  statusBits,
  termFacts,
  treeFacts,
  TWO_INCLUDES,
} from '../../src/rules/summaries.js'
import { MemoryResolver, type MemoryZone } from '../../src/dns/memory.js'
import { parseSpf } from '../../src/spf/parse.js'
import { walkRecord } from '../../src/spf/walk.js'

const entry = (text: string): SpfEntry => ({
  record: { name: 'example.com' } as ZoneRecord,
  spf: parseSpf(text),
})

describe('termFacts', () => {
  it.each<[string, number]>([
    ['v=spf1', 0],
    ['v=spf1 -all', HAS_ALL],
    ['v=spf1 all', HAS_ALL | ALL_PASS],
    ['v=spf1 +all', HAS_ALL | ALL_PASS],
    ['v=spf1 ?all', HAS_ALL | ALL_NEUTRAL],
    ['v=spf1 ~all mx', HAS_ALL | AFTER_ALL],
    ['v=spf1 -all exp=explain.example.com', HAS_ALL],
    ['v=spf1 redirect=_spf.example.com', HAS_REDIRECT],
    ['v=spf1 a redirect=_spf.example.com -all', HAS_ALL | HAS_REDIRECT],
    ['v=spf1 ptr:example.com ip4:192.0.2.0/24 ip6:2001:db8::/32 -all', HAS_PTR | HAS_IP | HAS_ALL],
    ['v=spf1 -all ?all', HAS_ALL | AFTER_ALL | ALL_NEUTRAL],
  ])('%j', (text, expected) => {
    expect(termFacts([entry(text)])[0]).toBe(expected)
  })

  it('is made once per run and read by every rule', () => {
    const spf = [entry('v=spf1 -all'), entry('v=spf1 ptr -all')]
    expect(termFacts(spf)).toBe(termFacts(spf))
    expect([...termFacts(spf)]).toEqual([HAS_ALL, HAS_PTR | HAS_ALL])
  })

  it('entriesByTerms gives the entries whose facts pass the test, in order', () => {
    const spf = ['v=spf1 ptr -all', 'v=spf1 -all', 'v=spf1 a', 'v=spf1 ptr'].map(entry)
    const texts = (test: (facts: number) => boolean) =>
      entriesByTerms(spf, test).map((e) => e.spf.text)
    expect(texts((f) => (f & HAS_PTR) !== 0)).toEqual(['v=spf1 ptr -all', 'v=spf1 ptr'])
    expect(texts((f) => !(f & HAS_ALL))).toEqual(['v=spf1 a', 'v=spf1 ptr'])
    expect(texts((f) => (f & (HAS_PTR | HAS_ALL)) === (HAS_PTR | HAS_ALL))).toEqual([
      'v=spf1 ptr -all',
    ])
  })
})

describe('treeFacts', () => {
  const zone: MemoryZone = {
    'example.com': [{ TXT: 'v=spf1 include:a.example.com include:a.example.com mx -all' }],
    'a.example.com': [{ TXT: 'v=spf1 include:none.example.com redirect=example.com' }],
    'none.example.com': [{ A: '192.0.2.1' }],
  }
  it('holds every status of the tree, and whether it has two includes', async () => {
    const spf = parseSpf((zone['example.com']?.[0] as { TXT: string }).TXT)
    const tree = await walkRecord('example.com', spf, new MemoryResolver(zone))
    const facts = treeFacts([{ ...entry(spf.text), tree }])[0] as number
    // mx: example.com has no MX (void); none.example.com has no TXT (void); the redirect loops.
    expect(facts & statusBits(['ok', 'void', 'loop'])).toBe(statusBits(['ok', 'void', 'loop']))
    expect(facts & statusBits(['error', 'unknown', 'truncated', 'too-many-mx'])).toBe(0)
    expect(facts & TWO_INCLUDES).toBe(TWO_INCLUDES)
  })

  it('a tree with one include, or none at all, does not have TWO_INCLUDES', async () => {
    const one = parseSpf('v=spf1 include:none.example.com -all')
    const tree = await walkRecord('example.com', one, new MemoryResolver(zone))
    expect((treeFacts([{ ...entry(one.text), tree }])[0] as number) & TWO_INCLUDES).toBe(0)
    expect(treeFacts([entry('v=spf1 -all')])[0]).toBe(0)
  })

  it('entriesByTree gives the walked entries whose tree holds any of the bits, in order', async () => {
    const resolver = new MemoryResolver(zone)
    const walked = async (text: string) => {
      const spf = parseSpf(text)
      return { ...entry(text), tree: await walkRecord('example.com', spf, resolver) }
    }
    const looping = await walked('v=spf1 include:a.example.com -all')
    const plain = await walked('v=spf1 -all')
    const spf = [looping, plain, entry('v=spf1 include:a.example.com -all')]
    expect(entriesByTree(spf, statusBits(['loop']))).toEqual([looping])
    expect(entriesByTree(spf, statusBits(['ok']))).toEqual([looping, plain])
    expect(entriesByTree(spf, statusBits(['error']))).toEqual([])
  })
})
