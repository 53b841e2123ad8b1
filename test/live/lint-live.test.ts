/**
 * lint() with live DNS on, against the dns-packet test server on 127.0.0.1: exact counts through
 * real provider trees, void lookups, DNS failures, the SPF601 comparison, and the bounds.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import type { LintOptions, LintResult, ProgressEvent } from '../../src/lint.js'
import { startDnsServer } from '../support/dns-server.js'
import type { DnsServer } from '../support/dns-server.js'
import { LIVE_FIXTURES, liveFixture } from './fixture.js'

const corp = path.join(LIVE_FIXTURES, 'corp')
const errors = path.join(LIVE_FIXTURES, 'errors')

let server: DnsServer
beforeAll(async () => {
  server = await startDnsServer(liveFixture())
})
afterAll(async () => {
  await server?.close()
})

function run(root: string, options: Partial<LintOptions> = {}): Promise<LintResult> {
  return lint({ root, cwd: root, ...options })
}

const live = (extra: object = {}) => ({ live: { servers: [server.address], ...extra } })

function record(result: LintResult, name: string) {
  const found = toReport(result).records.find((r) => r.name === name)
  if (!found) throw new Error(`no SPF record at ${name}`)
  return found
}

function findings(result: LintResult, code: string, name?: string) {
  return toReport(result).findings.filter(
    (f) => f.ruleId === code && (name === undefined || f.name === name),
  )
}

describe('live DNS off: provider trees are unknown', () => {
  it('counts a lower bound and says which names were not looked up (SPF208)', async () => {
    const result = await run(corp, { live: false })
    expect(record(result, 'corp.example')).toMatchObject({ lookups: 3, lookupsLowerBound: true })
    expect(record(result, 'big.corp.example')).toMatchObject({
      lookups: 2,
      lookupsLowerBound: true,
    })
    const unresolved = findings(result, 'SPF208').map((f) => f.message)
    expect(unresolved.some((m) => m.startsWith('_spf.google.com '))).toBe(true)
    expect(unresolved.some((m) => m.startsWith('spf.protection.outlook.com '))).toBe(true)
    expect(findings(result, 'SPF201')).toEqual([])
    expect(findings(result, 'SPF203')).toEqual([])
    expect(findings(result, 'SPF601')).toEqual([])
    expect(result.live).toBeUndefined()
  })
})

describe('live DNS on', () => {
  let result: LintResult
  const events: ProgressEvent[] = []
  beforeAll(async () => {
    server.queries.reset()
    result = await run(corp, { ...live(), onProgress: (e) => events.push(e) })
  })

  it('counts exactly through Google and Microsoft trees', () => {
    expect(record(result, 'corp.example')).toMatchObject({ lookups: 7, lookupsLowerBound: false })
    expect(findings(result, 'SPF208')).toEqual([])
  })

  it('reports a tree that is over the limit only through its providers (SPF201)', () => {
    expect(record(result, 'big.corp.example')).toMatchObject({
      lookups: 15,
      lookupsLowerBound: false,
    })
    const over = findings(result, 'SPF201')
    expect(over.map((f) => f.name)).toEqual(['big.corp.example'])
    expect(over[0]?.message).toContain('needs 15 DNS lookups')
  })

  it('counts NXDOMAIN and no-data answers as void lookups (SPF203)', () => {
    expect(record(result, 'voids.corp.example').voidLookups).toBe(3)
    expect(record(result, 'twovoids.corp.example').voidLookups).toBe(2)
    const voids = findings(result, 'SPF203')
    expect(voids.map((f) => f.name)).toEqual(['voids.corp.example'])
    const message = voids[0]?.message ?? ''
    expect(message).toContain('gone.provider.test does not exist (NXDOMAIN)')
    expect(message).toContain('nodata.provider.test has no A/AAAA records')
    expect(message).toContain('gone2.provider.test does not exist (NXDOMAIN)')
  })

  it('compares what is published with the repository (SPF601)', () => {
    const drift = findings(result, 'SPF601')
    expect(drift.map((f) => f.name).sort()).toEqual(['corp.example', 'voids.corp.example'])
    const apex = drift.find((f) => f.name === 'corp.example')?.message ?? ''
    expect(apex).toContain('"v=spf1 mx include:_spf.google.com ~all"')
    expect(apex).toContain(
      '"v=spf1 mx include:_spf.google.com include:spf.protection.outlook.com -all"',
    )
    const missing = drift.find((f) => f.name === 'voids.corp.example')?.message ?? ''
    expect(missing).toContain('voids.corp.example does not exist in DNS (NXDOMAIN)')
  })

  it('asks each (name, type) once', () => {
    const pairs = new Set(server.queries.log.map((q) => `${q.type} ${q.name}`))
    // A truncated UDP answer is asked again over TCP: count questions, not transports.
    const udp = server.queries.log.filter((q) => q.transport === 'udp')
    expect(udp.length).toBe(pairs.size)
    expect(result.live?.queries).toBe(udp.length)
    expect(result.live?.errors).toBe(0)
  })

  it('reports progress per record with the queries sent so far', () => {
    const walked = events.filter((e) => e.phase === 'walk' && e.done !== undefined)
    expect(walked.map((e) => e.name).sort()).toEqual(
      ['big.corp.example', 'corp.example', 'twovoids.corp.example', 'voids.corp.example'].sort(),
    )
    expect(walked.every((e) => typeof e.queries === 'number')).toBe(true)
    const sent = events.filter((e) => e.phase === 'live').map((e) => e.queries)
    expect(sent).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1))
    expect(sent.length).toBe(result.live?.queries)
  })
})

describe('live DNS failures', () => {
  it('reports SERVFAIL and timeouts as SPF602 with the name, and counts the rest', async () => {
    const started = Date.now()
    const result = await run(errors, live({ timeoutMs: 200, tries: 1 }))
    expect(Date.now() - started).toBeLessThan(5000)
    const failed = findings(result, 'SPF602').map((f) => f.message)
    expect(failed).toHaveLength(2)
    expect(failed.find((m) => m.includes('servfail.provider.test'))).toMatch(/SERVFAIL/)
    expect(failed.find((m) => m.includes('silent.provider.test'))).toMatch(/timed out/)
    expect(record(result, 'broken.example').lookups).toBe(3)
    // The server is not authoritative for broken.example itself: SPF601 cannot compare.
    const compare = findings(result, 'SPF601').map((f) => f.message)
    expect(compare).toHaveLength(1)
    expect(compare[0]).toContain('could not be read')
    expect(compare[0]).toContain('REFUSED')
    expect(result.live?.errors).toBe(3)
  })

  it('stops at the query cap and says so, instead of querying on', async () => {
    server.queries.reset()
    const result = await run(corp, live({ maxQueries: 3 }))
    expect(server.queries.log.filter((q) => q.transport === 'udp').length).toBe(3)
    const capped = findings(result, 'SPF602').map((f) => f.message)
    expect(capped.length).toBeGreaterThan(0)
    expect(capped.every((m) => m.includes('query cap reached (3 queries)'))).toBe(true)
  })

  it('stops at the deadline and says so, instead of hanging', async () => {
    const slow = await startDnsServer(liveFixture(), { delayMs: 3000 })
    try {
      const started = Date.now()
      const result = await run(errors, {
        live: { servers: [slow.address], deadlineMs: 500, timeoutMs: 5000, tries: 1 },
      })
      expect(Date.now() - started).toBeLessThan(2500)
      const late = findings(result, 'SPF602').map((f) => f.message)
      expect(late).toHaveLength(3)
      expect(late.every((m) => m.includes('deadline exceeded (500 ms for the run)'))).toBe(true)
    } finally {
      await slow.close()
    }
  })
})
