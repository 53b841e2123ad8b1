/**
 * The live resolver against the dns-packet test server (always run by `npm test`), plus what
 * only an instrumented server can show: in-flight limits, delays, truncation on the wire.
 */
import dgram from 'node:dgram'
import * as dnsPacket from 'dns-packet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LiveResolver } from '../../src/dns/live.js'
import { SLOW_NAMES } from '../support/dns-data.js'
import { startDnsServer } from '../support/dns-server.js'
import type { DnsServer } from '../support/dns-server.js'
import { describeLiveBehaviour, fullFixture } from './live-cases.js'

describeLiveBehaviour({
  label: 'the dns-packet test server',
  followsCrossZoneCname: true,
  async start(fixture) {
    const server = await startDnsServer(fixture)
    return {
      address: server.address,
      count: async (name, type) => server.queries.count(name, type),
      transports: async (name) =>
        server.queries.log.filter((q) => q.name === name).map((q) => q.transport),
      close: () => server.close(),
    }
  },
})

describe('live resolver: concurrency and server instrumentation', () => {
  let server: DnsServer
  const resolvers: LiveResolver[] = []

  beforeAll(async () => {
    server = await startDnsServer(fullFixture())
  })
  afterAll(async () => {
    for (const r of resolvers) r.close()
    await server?.close()
  })

  function live(concurrency: number): LiveResolver {
    const resolver = new LiveResolver({
      servers: [server.address],
      timeoutMs: 2000,
      tries: 1,
      concurrency,
      maxQueries: 1000,
      deadlineMs: 30_000,
    })
    resolvers.push(resolver)
    return resolver
  }

  for (const concurrency of [1, 3]) {
    it(`never has more than ${concurrency} queries in flight at the server`, async () => {
      server.queries.reset()
      const resolver = live(concurrency)
      const started = performance.now()
      const answers = await Promise.all(SLOW_NAMES.map((name) => resolver.resolve(name, 'TXT')))
      const elapsed = performance.now() - started
      expect(answers.every((a) => a.status === 'ok')).toBe(true)
      expect(server.queries.maxInFlight).toBe(concurrency)
      expect(resolver.counters.maxInFlight).toBe(concurrency)
      // Each slow answer takes 60 ms, so the limit shows in the wall-clock time too.
      expect(elapsed).toBeGreaterThanOrEqual((SLOW_NAMES.length / concurrency) * 60 - 20)
    })
  }

  it('calls onQuery once per query put on the wire', async () => {
    const seen: string[] = []
    const resolver = new LiveResolver({
      servers: [server.address],
      timeoutMs: 2000,
      tries: 1,
      concurrency: 2,
      maxQueries: 10,
      deadlineMs: 30_000,
      onQuery: (name, type) => seen.push(`${type} ${name}`),
    })
    resolvers.push(resolver)
    await Promise.all([
      resolver.resolve('spf.behave.test', 'TXT'),
      resolver.resolve('spf.behave.test', 'TXT'),
      resolver.resolve('mail.behave.test', 'A'),
    ])
    expect(seen.sort()).toEqual(['A mail.behave.test', 'TXT spf.behave.test'])
  })

  it('sets TC on a UDP answer over 512 octets and answers in full over TCP', async () => {
    const query = dnsPacket.encode({
      type: 'query',
      id: 42,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'TXT', name: 'big.behave.test' }],
    })
    const socket = dgram.createSocket('udp4')
    try {
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no UDP reply')), 2000)
        socket.once('message', (message) => {
          clearTimeout(timer)
          resolve(message)
        })
        socket.send(query, server.port, '127.0.0.1')
      })
      const decoded = dnsPacket.decode(reply)
      expect(reply.length).toBeLessThanOrEqual(512)
      expect(decoded.flag_tc).toBe(true)
      expect(decoded.id).toBe(42)
    } finally {
      socket.close()
    }
  })

  it('delays every answer when started with delayMs (for benchmarks)', async () => {
    const slow = await startDnsServer(fullFixture(), { delayMs: 80 })
    try {
      const resolver = new LiveResolver({
        servers: [slow.address],
        timeoutMs: 2000,
        tries: 1,
        concurrency: 4,
        maxQueries: 10,
        deadlineMs: 10_000,
      })
      resolvers.push(resolver)
      const started = performance.now()
      expect((await resolver.resolve('spf.behave.test', 'TXT')).status).toBe('ok')
      expect(performance.now() - started).toBeGreaterThanOrEqual(75)
      expect(slow.queries.total).toBe(1)
    } finally {
      await slow.close()
    }
  })
})
