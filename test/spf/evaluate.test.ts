import { describe, expect, test } from 'vitest'
import { MemoryResolver, type MemoryZone } from '../../src/dns/memory.js'
import type { Answer, RecordTypes, Resolver, RRType } from '../../src/dns/resolver.js'
import { checkHost } from '../../src/spf/evaluate.js'
import { HANG_MS } from '../support/bounds.js'
import { CountingResolver } from '../support/counting-resolver.js'

function zone(z: MemoryZone): CountingResolver {
  return new CountingResolver(new MemoryResolver(z))
}

const from = (ip: string, domain = 'example.com') => ({ ip, domain, sender: `user@${domain}` })

describe('where other tools disagree', () => {
  test('a well-formed unknown modifier is ignored (§6)', async () => {
    const r = zone({ 'example.com': [{ TXT: 'v=spf1 foo=bar.%{d} ip4:192.0.2.1 -all' }] })
    expect((await checkHost(from('192.0.2.1'), r)).result).toBe('pass')
    expect((await checkHost(from('192.0.2.2'), r)).result).toBe('fail')
  })

  test('an include target without an SPF record is a permerror (§5.2)', async () => {
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 include:nospf.example.net -all' }],
      'nospf.example.net': [{ TXT: 'google-site-verification=abc' }],
    })
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got.result).toBe('permerror')
    expect(got.decidedBy).toMatchObject({
      term: 'include:nospf.example.net',
      domain: 'example.com',
    })
    expect(got.reason).toMatch(/§5\.2/)
  })

  test('redirect is not followed when the record has all (§6.1)', async () => {
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 redirect=other.example.net ~all' }],
      'other.example.net': [{ TXT: 'v=spf1 +all' }],
    })
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got.result).toBe('softfail')
    expect(got.lookups).toBe(0)
    expect(r.asked).toEqual(['TXT example.com'])
  })

  test('more than 10 MX names is a permerror (§4.6.4)', async () => {
    const mx = Array.from({ length: 11 }, (_, i) => ({
      MX: [i, `mx${i}.example.com`] as [number, string],
    }))
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 mx ?all' }, ...mx],
      'mx0.example.com': [{ A: '192.0.2.1' }],
    })
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got.result).toBe('permerror')
    expect(got.decidedBy?.term).toBe('mx')
    expect(r.asked).not.toContain('A mx0.example.com')
    // Ten is the most; every host has an address, or each empty answer is a void lookup.
    const hosts = Object.fromEntries(
      mx.map((_, i) => [`mx${i}.example.com`, [{ A: `192.0.2.${i === 9 ? 1 : 100 + i}` }]]),
    )
    const ten = zone({ 'example.com': [{ TXT: 'v=spf1 mx ?all' }, ...mx.slice(0, 10)], ...hosts })
    expect((await checkHost(from('192.0.2.1'), ten)).result).toBe('pass')
  })

  test('a void lookup counts once per query that returns nothing (§4.6.4)', async () => {
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 a:v6only.example.com a:gone.example.com ?all' }],
      'v6only.example.com': [{ AAAA: '2001:db8::1' }],
    })
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got).toMatchObject({ result: 'neutral', lookups: 2, voidLookups: 2 })
    const over = zone({
      'example.com': [
        { TXT: 'v=spf1 a:v6only.example.com a:gone.example.com mx:gone2.example.com ?all' },
      ],
      'v6only.example.com': [{ AAAA: '2001:db8::1' }],
    })
    const got2 = await checkHost(from('192.0.2.1'), over)
    expect(got2).toMatchObject({ result: 'permerror', voidLookups: 3 })
    expect(got2.decidedBy?.term).toBe('mx:gone2.example.com')
    expect((await checkHost(from('192.0.2.1'), over, { maxVoidLookups: 3 })).result).toBe('neutral')
  })

  test('an MX host or PTR name without an address is a void lookup too, as pyspf counts', async () => {
    // Three IPv4-only MX hosts: no void lookup for an IPv4 client, three for an IPv6 one.
    const data: MemoryZone = {
      'example.com': [
        { TXT: 'v=spf1 mx ~all' },
        ...[1, 2, 3].map((i) => ({ MX: [i, `mx${i}.example.com`] as [number, string] })),
      ],
      ...Object.fromEntries([1, 2, 3].map((i) => [`mx${i}.example.com`, [{ A: `192.0.2.${i}` }]])),
    }
    expect(await checkHost(from('192.0.2.9'), zone(data))).toMatchObject({
      result: 'softfail',
      voidLookups: 0,
    })
    const v6 = await checkHost(from('2001:db8::9'), zone(data))
    expect(v6).toMatchObject({ result: 'permerror', voidLookups: 3 })
    expect(v6.reason).toMatch(/AAAA mx3\.example\.com returned no records: void lookup 3/)
    // A PTR name whose address lookup comes back empty: one void lookup for the ptr term.
    const ptr = zone({
      'example.com': [{ TXT: 'v=spf1 ptr ~all' }],
      '9.2.0.192.in-addr.arpa': [{ PTR: 'host.example.com' }],
      'host.example.com': [{ AAAA: '2001:db8::9' }],
    })
    expect(await checkHost(from('192.0.2.9'), ptr)).toMatchObject({
      result: 'softfail',
      voidLookups: 1,
    })
  })

  test('%{p} without a PTR record costs a void lookup, as the ptr mechanism does', async () => {
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 a:gone.example.com exists:%{p}.example.com ?all' }],
    })
    // gone.example.com, the PTR query of %{p}, and unknown.example.com: three.
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got).toMatchObject({ result: 'permerror', voidLookups: 3 })
    expect(got.reason).toMatch(/unknown\.example\.com returned no records: void lookup 3/)
  })

  test('a and mx ask only A for an IPv4 client, only AAAA for IPv6', async () => {
    const data: MemoryZone = {
      'example.com': [
        { TXT: 'v=spf1 a mx -all' },
        { MX: [10, 'mx.example.com'] },
        { A: '192.0.2.9' },
      ],
      'mx.example.com': [{ A: '192.0.2.10' }, { AAAA: '2001:db8::10' }],
    }
    const v4 = zone(data)
    expect((await checkHost(from('192.0.2.10'), v4)).result).toBe('pass')
    expect(v4.asked).toEqual([
      'TXT example.com',
      'A example.com',
      'MX example.com',
      'A mx.example.com',
    ])
    const mapped = zone(data)
    expect((await checkHost(from('::ffff:192.0.2.10'), mapped)).result).toBe('pass')
    expect(mapped.asked.some((q) => q.startsWith('AAAA'))).toBe(false)
    const v6 = zone(data)
    expect((await checkHost(from('2001:db8::10'), v6)).result).toBe('pass')
    expect(v6.asked).toEqual([
      'TXT example.com',
      'AAAA example.com',
      'MX example.com',
      'AAAA mx.example.com',
    ])
  })
})

describe('results and their explanation', () => {
  test('a record that fails to parse is a permerror at the term and span that caused it', async () => {
    const text = 'v=spf1 ip4:192.0.2.1 nclude:_spf.example.net -all'
    const got = await checkHost(from('192.0.2.1'), zone({ 'example.com': [{ TXT: text }] }))
    expect(got.result).toBe('permerror')
    expect(got.decidedBy).toEqual({
      term: 'nclude:_spf.example.net',
      domain: 'example.com',
      span: { start: text.indexOf('nclude'), end: text.indexOf('nclude') + 6 },
    })
    expect(got.reason).toMatch(/did you mean "include:"/)
  })

  test('decidedBy is the innermost matching term; via lists the includes', async () => {
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 include:_spf.example.net -all' }],
      '_spf.example.net': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 ~all' }],
    })
    const got = await checkHost(from('198.51.100.7'), r)
    expect(got).toMatchObject({ result: 'pass', lookups: 1, voidLookups: 0 })
    expect(got.decidedBy).toEqual({
      term: 'ip4:198.51.100.0/24',
      domain: '_spf.example.net',
      span: { start: 7, end: 26 },
    })
    expect(got.via).toEqual([
      { term: 'include:_spf.example.net', domain: 'example.com', span: { start: 7, end: 31 } },
    ])
  })

  test('no record is none; a DNS error is temperror', async () => {
    expect((await checkHost(from('192.0.2.1'), zone({}))).result).toBe('none')
    expect((await checkHost(from('192.0.2.1'), zone({ 'example.com': ['TIMEOUT'] }))).result).toBe(
      'temperror',
    )
  })

  test('an unknown answer is a temperror with a reason, not a void lookup', async () => {
    const unknown: Resolver = {
      resolve: async <T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> =>
        name === 'example.com' && type === 'TXT'
          ? ({
              status: 'ok',
              origin: 'zone',
              records: [{ text: 'v=spf1 include:vendor.example -all', strings: [] }],
            } as unknown as Answer<RecordTypes[T]>)
          : { status: 'unknown' },
    }
    const got = await checkHost(from('192.0.2.1'), unknown)
    expect(got).toMatchObject({ result: 'temperror', voidLookups: 0 })
    expect(got.reason).toMatch(/outside the known zones and live DNS is off/)
    expect(got.decidedBy?.term).toBe('include:vendor.example')
  })

  test('exp= gives the explanation of a fail, with macros', async () => {
    const r = zone({
      'example.com': [{ TXT: 'v=spf1 -all exp=why.%{d}' }],
      'why.example.com': [{ TXT: '%{i} may not send for %{d}' }],
    })
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got).toMatchObject({
      result: 'fail',
      explanation: '192.0.2.1 may not send for example.com',
    })
  })

  test('each explanation text is read for itself; an invalid one gives none', async () => {
    const r = zone({
      'a.example': [{ TXT: 'v=spf1 -all exp=why.a.example' }],
      'why.a.example': [{ TXT: 'no mail from %{i} for %{d}' }],
      'b.example': [{ TXT: 'v=spf1 -all exp=why.b.example' }],
      'why.b.example': [{ TXT: 'bad macro %{z}' }],
    })
    for (let pass = 0; pass < 2; pass++) {
      const a = await checkHost(from('192.0.2.1', 'a.example'), r)
      expect(a.explanation).toBe('no mail from 192.0.2.1 for a.example')
      const b = await checkHost(from('192.0.2.9', 'b.example'), r)
      expect(b).toMatchObject({ result: 'fail' })
      expect(b.explanation).toBeUndefined()
    }
  })

  test('trace records the steps when asked', async () => {
    const r = zone({ 'example.com': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }] })
    const got = await checkHost(from('192.0.2.2'), r, { trace: true })
    expect(got.trace?.map((s) => s.note)).toEqual([
      'record "v=spf1 ip4:192.0.2.1 -all"',
      'no match',
      'match',
    ])
  })
})

describe('hostile include graphs finish quickly with bounded work', () => {
  test('a chain of 1000 includes stops at the lookup limit', async () => {
    const data: MemoryZone = {}
    for (let i = 0; i < 1000; i++)
      data[`n${i}.example.com`] = [{ TXT: `v=spf1 include:n${i + 1}.example.com -all` }]
    const r = zone(data)
    const got = await checkHost(from('192.0.2.1', 'n0.example.com'), r)
    expect(got).toMatchObject({ result: 'permerror', lookups: 11 })
    expect(r.asked.length).toBeLessThanOrEqual(12)
  })

  test('1000 includes in one record stop at the lookup limit', async () => {
    const includes = Array.from({ length: 1000 }, (_, i) => `include:w${i}.example.com`).join(' ')
    const data: MemoryZone = { 'example.com': [{ TXT: `v=spf1 ${includes} -all` }] }
    for (let i = 0; i < 1000; i++)
      data[`w${i}.example.com`] = [{ TXT: 'v=spf1 ip4:198.51.100.1 -all' }]
    const r = zone(data)
    const started = performance.now()
    const got = await checkHost(from('192.0.2.1'), r)
    expect(got.result).toBe('permerror')
    expect(r.asked.length).toBeLessThanOrEqual(11)
    expect(performance.now() - started).toBeLessThan(HANG_MS)
  })

  test('cycles and self-includes are permerrors, not hangs', async () => {
    const r = zone({
      'self.example.com': [{ TXT: 'v=spf1 include:self.example.com -all' }],
      'a.example.com': [{ TXT: 'v=spf1 include:b.example.com -all' }],
      'b.example.com': [{ TXT: 'v=spf1 redirect=a.example.com' }],
    })
    for (const domain of ['self.example.com', 'a.example.com']) {
      const got = await checkHost(from('192.0.2.1', domain), r)
      expect(got).toMatchObject({ result: 'permerror', lookups: 11 })
    }
    expect(r.asked.length).toBeLessThanOrEqual(24)
  })

  test('a wide and deep tree (10 includes per name, 1000 names) costs at most 10 terms', async () => {
    const data: MemoryZone = {}
    for (let i = 0; i < 1000; i++) {
      const kids = Array.from(
        { length: 10 },
        (_, k) => `include:t${(i * 10 + k + 1) % 1000}.example.com`,
      )
      data[`t${i}.example.com`] = [
        { TXT: `v=spf1 ${kids.join(' ')} mx a ptr exists:%{i}.t${i}.example.com ?all` },
      ]
    }
    const r = zone(data)
    const got = await checkHost(from('192.0.2.1', 't0.example.com'), r)
    expect(got.result).toBe('permerror')
    expect(got.lookups).toBe(11)
    expect(r.asked.length).toBeLessThanOrEqual(11)
  })
})
