/**
 * The behaviour table for the live resolver, run against any authoritative server on 127.0.0.1
 * (the dns-packet test server in live.test.ts, BIND named in live-named.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LiveResolver } from '../../src/dns/live.js'
import type { LiveResolverOptions } from '../../src/dns/live.js'
import {
  LockResolver,
  RecordingResolver,
  diffLock,
  readLock,
  underZones,
  writeLock,
} from '../../src/dns/lock.js'
import { mergeFixtures } from '../support/dns-fixture.js'
import type { Fixture } from '../support/dns-fixture.js'
import {
  ALL_BYTES,
  BIG_TXT,
  CHAIN_NAMES,
  HUGE_TXT,
  LATER,
  MANY_COUNT,
  PROVIDERS,
  SALESFORCE_IP,
  behaviourFixture,
  providerFixture,
} from '../support/dns-data.js'
import { startBlackhole } from '../support/dns-server.js'
import { walkSpf } from '../support/spf-walk.js'

export interface RunningServer {
  address: string
  /** Queries the server saw for a name (optionally of one type). */
  count(name: string, type?: string): Promise<number>
  /** Transports ('udp' | 'tcp') of the queries the server saw for a name. */
  transports(name: string): Promise<string[]>
  close(): Promise<void>
}

export interface Backend {
  label: string
  start(fixture: Fixture): Promise<RunningServer>
  /**
   * Whether the server itself follows a CNAME into another of its zones. A stub resolver does
   * not chase aliases, so when the server stops at the zone cut the TXT lookup is "no data".
   */
  followsCrossZoneCname: boolean
  /** Whether the server answers over UDP up to the EDNS0 size the query states (RFC 6891). */
  honoursEdns: boolean
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

export function fullFixture(overrides?: ReadonlyMap<string, string>): Fixture {
  return mergeFixtures(providerFixture(overrides), behaviourFixture())
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function describeLiveBehaviour(backend: Backend): void {
  describe(`live resolver against ${backend.label}`, () => {
    let server: RunningServer
    let blackhole: Awaited<ReturnType<typeof startBlackhole>>
    const resolvers: LiveResolver[] = []

    beforeAll(async () => {
      server = await backend.start(fullFixture())
      blackhole = await startBlackhole()
    })

    afterAll(async () => {
      for (const r of resolvers) r.close()
      await server?.close()
      await blackhole?.close()
    })

    function live(options: Partial<LiveResolverOptions> = {}): LiveResolver {
      const resolver = new LiveResolver({
        servers: [server.address],
        timeoutMs: 1500,
        tries: 2,
        concurrency: 8,
        maxQueries: 10_000,
        deadlineMs: 60_000,
        ...options,
      })
      resolvers.push(resolver)
      return resolver
    }

    async function txtOf(resolver: LiveResolver, name: string): Promise<string[]> {
      const answer = await resolver.resolve(name, 'TXT')
      if (answer.status !== 'ok') throw new Error(`${name}: ${JSON.stringify(answer)}`)
      return answer.records.map((r) => r.text)
    }

    describe('provider trees', () => {
      it('walks Google _spf.google.com and its three _netblocks includes', async () => {
        const walk = await walkSpf(live(), '_spf.google.com')
        expect(walk.names.map((n) => [n.name, n.depth])).toEqual([
          ['_spf.google.com', 0],
          ['_netblocks.google.com', 1],
          ['_netblocks2.google.com', 1],
          ['_netblocks3.google.com', 1],
        ])
        for (const n of walk.names) expect(n.text).toBe(PROVIDERS.get(n.name))
        expect(walk.lookups).toBe(3)
        const viaGoogle = await walkSpf(live(), 'google.com')
        expect(viaGoogle.lookups).toBe(4)
      })

      it('walks microsoft.com (2022): depth 3, exactly 10 lookups', async () => {
        const walk = await walkSpf(live(), 'microsoft.com')
        expect(walk.lookups).toBe(10)
        expect(Math.max(...walk.names.map((n) => n.depth))).toBe(3)
        expect(walk.names.every((n) => n.text === PROVIDERS.get(n.name))).toBe(true)
        const outlook = walk.names.filter((n) => n.name.endsWith('protection.outlook.com'))
        expect(outlook.map((n) => n.name)).toEqual([
          'spf.protection.outlook.com',
          'spfd.protection.outlook.com',
        ])
      })

      it('resolves Salesforce exists:%{i}._spf.mta.salesforce.com once the macro is expanded', async () => {
        const resolver = live()
        const [text] = await txtOf(resolver, '_spf.salesforce.com')
        expect(text).toBe('v=spf1 exists:%{i}._spf.mta.salesforce.com -all')
        const spec = /exists:(\S+)/.exec(text as string)?.[1] as string
        const allowed = await resolver.resolve(spec.replace('%{i}', SALESFORCE_IP), 'A')
        expect(allowed).toEqual({ status: 'ok', records: ['127.0.0.2'], origin: 'live' })
        const other = await resolver.resolve(spec.replace('%{i}', '192.0.2.11'), 'A')
        expect(other.status).toBe('nxdomain')
      })

      it('follows a 5-deep include chain and joins records split over 255-octet strings', async () => {
        const resolver = live()
        const walk = await walkSpf(resolver, 'outbound.mailhop.org')
        expect(walk.names.map((n) => n.depth)).toEqual([0, 1, 2, 3, 4])
        for (const n of walk.names) expect(n.text).toBe(PROVIDERS.get(n.name))
        const answer = await resolver.resolve('outbound.mailhop.org', 'TXT')
        if (answer.status !== 'ok') throw new Error('expected ok')
        expect(answer.records[0]?.strings.length).toBe(2)
        expect(answer.records[0]?.strings.join('')).toBe(PROVIDERS.get('outbound.mailhop.org'))
      })

      it('walks github.com (2022): 9 lookups across Google, Microsoft, Zendesk, Salesforce, Mailchimp', async () => {
        const walk = await walkSpf(live(), 'github.com')
        expect(walk.lookups).toBe(9)
        expect(walk.names.every((n) => n.text !== undefined)).toBe(true)
      })
    })

    describe('answers and failures', () => {
      it('tells NXDOMAIN from no data (RFC 7208 §4.6.4 void lookups)', async () => {
        const resolver = live()
        expect(await resolver.resolve('missing.behave.test', 'TXT')).toEqual({
          status: 'nxdomain',
          origin: 'live',
        })
        expect(await resolver.resolve('nodata.behave.test', 'TXT')).toEqual({
          status: 'nodata',
          origin: 'live',
        })
        expect(await resolver.resolve('nodata.behave.test', 'A')).toEqual({
          status: 'ok',
          records: ['192.0.2.26'],
          origin: 'live',
        })
        // An empty non-terminal exists: no data, not NXDOMAIN (RFC 8020).
        expect((await resolver.resolve('ent.behave.test', 'TXT')).status).toBe('nodata')
        expect((await resolver.resolve('missing.behave.test', 'A')).status).toBe('nxdomain')
      })

      it('answers MX, AAAA and PTR in the contract shapes', async () => {
        const resolver = live()
        const mx = await resolver.resolve('behave.test', 'MX')
        if (mx.status !== 'ok') throw new Error('expected ok')
        expect([...mx.records].sort((a, b) => a.preference - b.preference)).toEqual([
          { preference: 10, exchange: 'mail.behave.test' },
          { preference: 20, exchange: 'mx2.other.test' },
        ])
        expect(await resolver.resolve('mail.behave.test', 'AAAA')).toEqual({
          status: 'ok',
          records: ['2001:db8::25'],
          origin: 'live',
        })
        expect(await resolver.resolve('25.2.0.192.in-addr.arpa', 'PTR')).toEqual({
          status: 'ok',
          records: ['mail.behave.test'],
          origin: 'live',
        })
      })

      it('turns a server that never answers into an error within the configured timeout', async () => {
        const resolver = live({ servers: [blackhole.address], timeoutMs: 250, tries: 2 })
        const started = performance.now()
        const answer = await resolver.resolve('_spf.google.com', 'TXT')
        const elapsed = performance.now() - started
        expect(answer.status).toBe('error')
        if (answer.status !== 'error') return
        expect(answer.error).toMatch(/TXT lookup of "_spf\.google\.com" failed: timed out/)
        expect(elapsed).toBeGreaterThanOrEqual(240)
        expect(elapsed).toBeLessThan(500 + 200)
        expect(blackhole.received()).toBeGreaterThanOrEqual(1)
        expect(resolver.counters.errors).toBe(1)
      })

      it('reports SERVFAIL and REFUSED as errors naming the name and type', async () => {
        const resolver = live()
        const servfail = await resolver.resolve('x.servfail.test', 'TXT')
        expect(servfail).toMatchObject({ status: 'error', origin: 'live' })
        if (servfail.status === 'error') {
          expect(servfail.error).toContain('TXT lookup of "x.servfail.test"')
          expect(servfail.error).toContain('SERVFAIL')
        }
        const refused = await resolver.resolve('not-served.example', 'A')
        expect(refused.status).toBe('error')
        if (refused.status === 'error') {
          expect(refused.error).toContain('A lookup of "not-served.example"')
          expect(refused.error).toContain('REFUSED')
        }
      })

      it('falls back to TCP when the UDP answer is truncated (RFC 7766) and gets the whole record', async () => {
        const resolver = live()
        const answer = await resolver.resolve('big.behave.test', 'TXT')
        if (answer.status !== 'ok') throw new Error(JSON.stringify(answer))
        expect(BIG_TXT.length).toBeGreaterThan(1000)
        expect(answer.records).toHaveLength(1)
        expect(answer.records[0]?.text).toBe(BIG_TXT)
        expect(answer.records[0]?.strings.length).toBe(Math.ceil(BIG_TXT.length / 255))
        expect(await server.transports('big.behave.test')).toEqual(['udp', 'tcp'])
      })

      it('gets a 500-octet answer over UDP alone when the server honours EDNS0 (RFC 6891)', async () => {
        const name = '_spf1-meo.microsoft.com'
        const before = (await server.transports(name)).length
        expect(await txtOf(live(), name)).toEqual([PROVIDERS.get(name)])
        const expected = backend.honoursEdns ? ['udp'] : ['udp', 'tcp']
        expect((await server.transports(name)).slice(before)).toEqual(expected)
      })

      it('follows CNAME chains', async () => {
        const resolver = live()
        expect(await txtOf(resolver, 'alias1.behave.test')).toEqual([
          'v=spf1 ip4:203.0.113.0/24 -all',
        ])
        expect(await resolver.resolve('alias1.behave.test', 'CNAME')).toEqual({
          status: 'ok',
          records: ['alias2.behave.test'],
          origin: 'live',
        })
        const cross = await resolver.resolve('xalias.behave.test', 'TXT')
        if (backend.followsCrossZoneCname) {
          expect(cross).toMatchObject({
            status: 'ok',
            records: [{ text: 'v=spf1 ip4:203.0.113.0/25 -all' }],
          })
        } else {
          expect(cross.status).toBe('nodata')
        }
      })

      it('resolves an include loop across zones and ends a CNAME loop without hanging', async () => {
        const resolver = live()
        const walk = await walkSpf(resolver, 'a.loop-one.test')
        expect(walk.names.map((n) => n.name)).toEqual([
          'a.loop-one.test',
          'b.loop-two.test',
          'a.loop-one.test',
        ])
        expect(await server.count('a.loop-one.test', 'TXT')).toBe(1)
        const started = performance.now()
        const loop = await resolver.resolve('loop1.behave.test', 'TXT')
        expect(loop.status).not.toBe('ok')
        expect(performance.now() - started).toBeLessThan(3000)
      })

      it('answers SPF (type 99) as no data without a query: receivers only ask for TXT', async () => {
        const resolver = live()
        expect(await resolver.resolve('spf.behave.test', 'SPF')).toEqual({
          status: 'nodata',
          origin: 'live',
        })
        expect(resolver.counters).toMatchObject({ queries: 0, unsupported: 1 })
      })
    })

    describe('limits', () => {
      it('asks each (name, type) once, even for 20 parallel callers', async () => {
        const resolver = live()
        const callers = Array.from({ length: 20 }, (_, i) =>
          resolver.resolve(i % 2 ? 'SPF.Behave.Test.' : 'spf.behave.test', 'TXT'),
        )
        const answers = await Promise.all(callers)
        expect(new Set(answers).size).toBe(1)
        expect(answers[0]).toMatchObject({
          status: 'ok',
          records: [{ text: 'v=spf1 ip4:192.0.2.0/24 -all' }],
        })
        await resolver.resolve('spf.behave.test', 'TXT')
        expect(await server.count('spf.behave.test', 'TXT')).toBe(1)
        expect(resolver.counters).toMatchObject({ queries: 1, cacheHits: 20 })
        // A different type is a different question.
        await resolver.resolve('spf.behave.test', 'A')
        expect(await server.count('spf.behave.test', 'A')).toBe(1)
      })

      it('stops at the query cap: later names answer "query cap reached" without a query', async () => {
        const resolver = live({ maxQueries: 3 })
        const answers = []
        for (const name of CHAIN_NAMES.slice(0, 5))
          answers.push(await resolver.resolve(name, 'TXT'))
        expect(answers.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'error', 'error'])
        const capped = answers[3]
        if (capped?.status === 'error') expect(capped.error).toContain('query cap reached')
        expect(await server.count(CHAIN_NAMES[3] as string)).toBe(0)
        expect(await server.count(CHAIN_NAMES[4] as string)).toBe(0)
        expect(resolver.counters).toMatchObject({ queries: 3, errors: 2 })
        // Names already answered still come from the cache.
        expect((await resolver.resolve(CHAIN_NAMES[0] as string, 'TXT')).status).toBe('ok')
      })

      it('answers "deadline exceeded" for everything after the run deadline', async () => {
        const resolver = live({ deadlineMs: 300 })
        expect((await resolver.resolve(CHAIN_NAMES[5] as string, 'TXT')).status).toBe('ok')
        await sleep(350)
        const late = await resolver.resolve(CHAIN_NAMES[6] as string, 'TXT')
        expect(late.status).toBe('error')
        if (late.status === 'error') expect(late.error).toContain('deadline exceeded')
        expect(await server.count(CHAIN_NAMES[6] as string)).toBe(0)
      })

      it('cuts a query still in flight when the deadline passes', async () => {
        const resolver = live({
          servers: [blackhole.address],
          timeoutMs: 5000,
          tries: 3,
          deadlineMs: 300,
        })
        const started = performance.now()
        const answers = await Promise.all([
          resolver.resolve('d1.behave.test', 'TXT'),
          resolver.resolve('d2.behave.test', 'A'),
        ])
        const elapsed = performance.now() - started
        for (const a of answers) {
          expect(a.status).toBe('error')
          if (a.status === 'error') expect(a.error).toContain('deadline exceeded')
        }
        expect(elapsed).toBeLessThan(300 + 300)
      })
    })

    describe('hostile answers', () => {
      it('takes 1,000 TXT records at one name', async () => {
        const texts = await txtOf(live(), 'many.hostile.test')
        expect(texts).toHaveLength(MANY_COUNT)
        expect(new Set(texts)).toEqual(
          new Set(Array.from({ length: MANY_COUNT }, (_, i) => `s${i}`)),
        )
      })

      it('takes one record of 1,000 one-octet strings and a 60 KiB record over TCP', async () => {
        const resolver = live()
        const started = performance.now()
        const [strings] = await txtOf(resolver, 'strings.hostile.test')
        expect(strings).toHaveLength(1000)
        const huge = await resolver.resolve('huge.hostile.test', 'TXT')
        if (huge.status !== 'ok') throw new Error(JSON.stringify(huge))
        expect(huge.records[0]?.text).toBe(HUGE_TXT.toString('latin1'))
        expect(huge.records[0]?.strings).toHaveLength(Math.ceil(HUGE_TXT.length / 255))
        expect(performance.now() - started).toBeLessThan(5000)
      })

      it('keeps every octet value of a TXT string, one character per octet', async () => {
        const [text] = await txtOf(live(), 'bytes.hostile.test')
        expect(text).toBe(ALL_BYTES.toString('latin1'))
      })

      it('survives names with odd bytes: no crash, bounded time, no query for invalid ones', async () => {
        const resolver = live({ timeoutMs: 500, tries: 1 })
        const odd = [
          'bad name.behave.test',
          'nul\u0000byte.behave.test',
          'über.behave.test',
          'quote".behave.test',
          'back\\slash.behave.test',
          `${'a'.repeat(64)}.behave.test`,
          `${'abcdefghi.'.repeat(26)}behave.test`,
          'a..b.behave.test',
          '.',
          '',
          '\u001b[31mred.behave.test',
        ]
        const started = performance.now()
        const answers = await Promise.all(odd.map((name) => resolver.resolve(name, 'TXT')))
        expect(performance.now() - started).toBeLessThan(3000)
        for (const answer of answers) {
          expect(['ok', 'nxdomain', 'nodata', 'error']).toContain(answer.status)
          if (answer.status === 'error')
            expect([...answer.error].some((c) => c.charCodeAt(0) < 0x20)).toBe(false)
        }
        // Over-long labels and names, and empty labels, never reach the wire.
        for (const i of [5, 6, 7, 8, 9]) {
          expect(answers[i]).toMatchObject({ status: 'error' })
        }
      })
    })

    describe('lock file', () => {
      let dir: string
      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'spf-lint-lock-'))
      })
      afterAll(() => rmSync(dir, { recursive: true, force: true }))

      it('records live answers outside the repository, writes, reads and answers from them', async () => {
        const recorder = new RecordingResolver(live(), underZones(['github.com']))
        const walk = await walkSpf(recorder, 'github.com')
        await recorder.resolve(`${SALESFORCE_IP}._spf.mta.salesforce.com`, 'A')
        await recorder.resolve('missing.behave.test', 'TXT')
        await recorder.resolve('x.servfail.test', 'TXT')
        const recorded = recorder.recorded()
        expect(Object.keys(recorded)).not.toContain('github.com')
        expect(Object.keys(recorded)).not.toContain('x.servfail.test') // errors are not pinned
        expect(recorded['missing.behave.test']).toEqual({ TXT: { status: 'nxdomain' } })
        expect(Object.keys(recorded).sort()).toEqual(
          [
            ...walk.names.map((n) => n.name).filter((n) => n !== 'github.com'),
            `${SALESFORCE_IP}._spf.mta.salesforce.com`,
            'missing.behave.test',
          ].sort(),
        )

        const path = join(dir, 'spf-lint.lock.json')
        const now = new Date('2025-01-02T03:04:05.000Z')
        const first = await writeLock(path, recorded, { now })
        expect(first.written).toBe(true)
        const text = readFileSync(path, 'utf8')
        const schema = JSON.parse(
          readFileSync(new URL('../../schemas/lock.schema.json', import.meta.url), 'utf8'),
        ) as object
        const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }))
        const validate = ajv.compile(schema)
        expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true)
        expect(text).toContain('"generated": "2025-01-02T03:04:05.000Z"')
        // Same answers, later run: the file (and its timestamp) stays as it was.
        const again = await writeLock(path, recorder.recorded(), { now: new Date() })
        expect(again.written).toBe(false)
        expect(readFileSync(path, 'utf8')).toBe(text)

        const lock = await readLock(path)
        if (!lock) throw new Error('lock not read')
        const locked = new LockResolver(lock)
        const resolver = live()
        for (const n of walk.names.filter((x) => x.name !== 'github.com')) {
          const fromLock = await locked.resolve(n.name, 'TXT')
          const fromLive = await resolver.resolve(n.name, 'TXT')
          expect(fromLock).toEqual({ ...fromLive, origin: 'lock' })
        }
        expect(await locked.resolve('github.com', 'TXT')).toEqual({ status: 'unknown' })
        expect(await locked.resolve('_spf.google.com', 'MX')).toEqual({ status: 'unknown' })
        expect(await locked.resolve('MISSING.behave.test.', 'TXT')).toEqual({
          status: 'nxdomain',
          origin: 'lock',
        })
      })

      it('diffs a lock against a provider that changed its record', async () => {
        const changed = await backend.start(fullFixture(LATER))
        try {
          const record = async (address: string) => {
            const recorder = new RecordingResolver(
              new LiveResolver({
                servers: [address],
                timeoutMs: 1500,
                tries: 2,
                concurrency: 4,
                maxQueries: 100,
                deadlineMs: 30_000,
              }),
            )
            await walkSpf(recorder, 'spf.protection.outlook.com')
            return recorder.recorded()
          }
          const before = await record(server.address)
          const after = await record(changed.address)
          const diff = diffLock(before, after)
          expect(diff.map((d) => [d.name, d.change])).toEqual([
            ['spf.protection.outlook.com', 'changed'],
            ['spfd.protection.outlook.com', 'removed'],
          ])
          const [outlook] = diff
          expect(outlook?.types[0]?.before.records).toEqual([
            PROVIDERS.get('spf.protection.outlook.com'),
          ])
          expect(outlook?.types[0]?.after.records).toEqual([
            LATER.get('spf.protection.outlook.com'),
          ])
          expect(outlook?.types[0]?.removedTerms).toEqual(['include:spfd.protection.outlook.com'])
          expect(outlook?.types[0]?.addedTerms).toEqual([])
          expect(diffLock(after, after)).toEqual([])
        } finally {
          await changed.close()
        }
      })
    })
  })
}
