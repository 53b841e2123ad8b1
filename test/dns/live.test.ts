/**
 * The live resolver against the dns-packet test server (always run by `npm test`), plus what
 * only an instrumented server can show: in-flight limits, delays, truncation on the wire.
 */
import dgram from 'node:dgram'
import * as dnsPacket from 'dns-packet'
import type { Answer as PacketAnswer, DecodedPacket, Packet } from 'dns-packet'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LiveResolver } from '../../src/dns/live.js'
import type { LiveResolverOptions } from '../../src/dns/live.js'
import { CHAIN_NAMES, SLOW_NAMES } from '../support/dns-data.js'
import { startDnsServer } from '../support/dns-server.js'
import type { DnsServer } from '../support/dns-server.js'
import { describeLiveBehaviour, fullFixture } from './live-cases.js'

describeLiveBehaviour({
  label: 'the dns-packet test server',
  followsCrossZoneCname: true,
  honoursEdns: false,
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

  it('sends prefetches after the queries callers wait on, and moves one up once awaited', async () => {
    server.queries.reset()
    const resolver = live(1)
    const [n1, n2, n3, n4, n5, n6] = CHAIN_NAMES as [string, string, string, string, string, string]
    const sent = () => server.queries.log.map((q) => q.name)
    resolver.prefetch(n1, 'TXT')
    resolver.prefetch(n2, 'TXT')
    await resolver.resolve(n3, 'TXT')
    await Promise.all([n1, n2].map((n) => resolver.resolve(n, 'TXT')))
    expect(sent()).toEqual([n3, n1, n2])
    resolver.prefetch(n4, 'TXT')
    resolver.prefetch(n5, 'TXT')
    const waited = [resolver.resolve(n6, 'TXT'), resolver.resolve(n5, 'TXT')]
    expect((await Promise.all(waited)).map((a) => a.status)).toEqual(['ok', 'ok'])
    await resolver.resolve(n4, 'TXT')
    expect(sent()).toEqual([n3, n1, n2, n6, n5, n4])
    expect(resolver.counters).toMatchObject({ queries: 6, maxInFlight: 1 })
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

/** A UDP server on 127.0.0.1 that hands each query to `respond`, which may reply any number of times. */
async function rawServer(
  respond: (query: DecodedPacket, reply: (message: Packet | Buffer) => void) => void,
): Promise<{ address: string; port: number; queries: DecodedPacket[]; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4')
  const queries: DecodedPacket[] = []
  socket.on('message', (message, remote) => {
    const query = dnsPacket.decode(message)
    queries.push(query)
    respond(query, (out) => {
      const wire = Buffer.isBuffer(out) ? out : dnsPacket.encode(out)
      socket.send(wire, remote.port, remote.address)
    })
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()))
  const port = socket.address().port
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}

function txtReply(query: DecodedPacket, text: string, changes: Partial<Packet> = {}): Packet {
  const question = query.questions?.[0] as NonNullable<DecodedPacket['questions']>[number]
  const answer = { name: question.name, type: 'TXT', ttl: 60, data: [text] } as PacketAnswer
  return {
    type: 'response',
    id: query.id ?? 0,
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: [question],
    answers: [answer],
    ...changes,
  }
}

const hasOpt = (query: DecodedPacket) => (query.additionals ?? []).some((a) => a.type === 'OPT')

describe('live resolver: the wire, against hand-made servers', () => {
  const resolvers: LiveResolver[] = []
  afterAll(() => resolvers.forEach((r) => r.close()))

  function live(address: string, options: Partial<LiveResolverOptions> = {}): LiveResolver {
    const resolver = new LiveResolver({
      servers: [address],
      timeoutMs: 1000,
      tries: 2,
      concurrency: 4,
      maxQueries: 100,
      deadlineMs: 10_000,
      ...options,
    })
    resolvers.push(resolver)
    return resolver
  }

  it('asks with EDNS0, and without it from then on once a server answers FORMERR (RFC 6891 §7)', async () => {
    const server = await rawServer((query, reply) => {
      const formerr = { answers: [], flags: 1 }
      reply(txtReply(query, 'v=spf1 -all', hasOpt(query) ? formerr : {}))
    })
    try {
      const resolver = live(server.address)
      const first = await resolver.resolve('a.example', 'TXT')
      expect(first).toMatchObject({ status: 'ok', records: [{ text: 'v=spf1 -all' }] })
      expect((await resolver.resolve('b.example', 'TXT')).status).toBe('ok')
      expect(server.queries.map(hasOpt)).toEqual([true, false, false])
      expect(server.queries[0]?.additionals?.[0]).toMatchObject({ udpPayloadSize: 1232 })
    } finally {
      await server.close()
    }
  })

  it('ignores replies that do not echo its ID and question (RFC 5452)', async () => {
    const server = await rawServer((query, reply) => {
      const id = query.id ?? 0
      reply(txtReply(query, 'wrong id', { id: id ^ 1 }))
      const other = { name: 'other.example', type: 'TXT' as const, class: 'IN' as const }
      reply(txtReply(query, 'wrong question', { questions: [other] }))
      reply(txtReply(query, 'v=spf1 ip4:192.0.2.1 -all'))
    })
    try {
      const answer = await live(server.address).resolve('spoof.example', 'TXT')
      expect(answer).toMatchObject({
        status: 'ok',
        records: [{ text: 'v=spf1 ip4:192.0.2.1 -all' }],
      })
    } finally {
      await server.close()
    }
  })

  it('reports a garbled reply as malformed', async () => {
    const server = await rawServer((query, reply) => {
      const garbled = Buffer.from(dnsPacket.encode(txtReply(query, 'x')))
      reply(garbled.subarray(0, garbled.length - 4))
    })
    try {
      const answer = await live(server.address, { tries: 1 }).resolve('bad.example', 'TXT')
      expect(answer.status).toBe('error')
      if (answer.status === 'error') expect(answer.error).toMatch(/malformed reply/)
    } finally {
      await server.close()
    }
  })

  it('once connected(), puts a query on the wire within the call that asks it', async () => {
    const server = await rawServer((query, reply) => reply(txtReply(query, 'v=spf1 -all')))
    const send = vi.spyOn(dgram.Socket.prototype, 'send')
    try {
      const waiting = live(server.address)
      const early = waiting.resolve('early.example', 'TXT')
      // Before the socket has connected, the query waits for it.
      expect(send).toHaveBeenCalledTimes(0)
      const resolver = live(server.address)
      await resolver.connected()
      send.mockClear()
      const asked = resolver.resolve('now.example', 'TXT')
      expect(send).toHaveBeenCalledTimes(1)
      expect((await asked).status).toBe('ok')
      expect((await early).status).toBe('ok')
    } finally {
      send.mockRestore()
      await server.close()
    }
  })

  it('connected() settles for a closed resolver too', async () => {
    const resolver = live('127.0.0.1:9')
    resolver.close()
    await expect(resolver.connected()).resolves.toBeUndefined()
  })

  it('reports a port nothing listens on as connection refused, without waiting out the timeout', async () => {
    const closed = await rawServer(() => {})
    await closed.close()
    const started = performance.now()
    const answer = await live(closed.address, { timeoutMs: 3000 }).resolve('x.example', 'TXT')
    expect(answer.status).toBe('error')
    if (answer.status === 'error') expect(answer.error).toMatch(/connection refused/)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
