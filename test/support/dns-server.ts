/**
 * A small authoritative DNS server for tests and benchmarks, on 127.0.0.1 only, UDP and TCP on
 * the same random port. It serves fixture data and can misbehave per name (RCODEs, silence,
 * delays) so resolver code can be tested against every failure a receiver meets.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import * as dnsPacket from 'dns-packet'
import type { Answer as PacketAnswer, DecodedPacket, Packet } from 'dns-packet'
import { fixtureName, zoneOf } from './dns-fixture.js'
import type { Behaviour, Fixture, FixtureRecord } from './dns-fixture.js'

export interface DnsServerOptions {
  /**
   * Largest UDP reply before the TC bit is set. 512 is the RFC 1035 §4.2.1 limit; the server
   * ignores EDNS0 sizes on purpose so that big answers always exercise the TCP fallback.
   */
  udpLimit?: number
  /** Delay before every answer (ms), on top of per-name delays: handy for benchmarks. */
  delayMs?: number
}

export interface QueryLogEntry {
  name: string
  type: string
  transport: 'udp' | 'tcp'
  at: number
}

export interface QueryLog {
  readonly log: QueryLogEntry[]
  readonly total: number
  /** Queries for a name (any case, with or without a final dot), optionally of one type. */
  count(name: string, type?: string): number
  /** Queries being worked on now (received, not yet answered; dropped ones excluded). */
  readonly inFlight: number
  readonly maxInFlight: number
  reset(): void
}

export interface DnsServer {
  host: '127.0.0.1'
  port: number
  /** `127.0.0.1:port`, ready for a resolver's server list. */
  address: string
  queries: QueryLog
  close(): Promise<void>
}

const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const
/** Longest CNAME chain followed inside the server's own data before giving up. */
const MAX_CHAIN = 16

class Log implements QueryLog {
  log: QueryLogEntry[] = []
  inFlight = 0
  maxInFlight = 0
  get total(): number {
    return this.log.length
  }
  count(name: string, type?: string): number {
    const n = fixtureName(name)
    return this.log.filter((q) => q.name === n && (!type || q.type === type)).length
  }
  reset(): void {
    this.log = []
    this.maxInFlight = this.inFlight
  }
}

/** The answering logic, independent of transport. */
class Zones {
  private readonly byName = new Map<string, FixtureRecord[]>()
  private readonly existing = new Set<string>()

  constructor(private readonly fixture: Fixture) {
    for (const record of fixture.records) {
      const name = fixtureName(record.name)
      const list = this.byName.get(name) ?? []
      list.push(record)
      this.byName.set(name, list)
      // Every parent up to the apex exists too (empty non-terminals, RFC 8020).
      const zone = zoneOf(fixture.zones, name)
      for (let n = name; zone && n.length >= zone.length; n = n.slice(n.indexOf('.') + 1)) {
        this.existing.add(n)
        if (n === zone || !n.includes('.')) break
      }
    }
  }

  behaviour(name: string): Behaviour {
    return this.fixture.behaviours?.[fixtureName(name)] ?? {}
  }

  answer(query: DecodedPacket): Packet {
    const question = query.questions?.[0]
    const reply: Packet = {
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED),
      questions: question ? [question] : [],
      answers: [],
      authorities: [],
    }
    if (!question) return { ...reply, flags: (reply.flags ?? 0) | 1 } // FORMERR
    const forced = this.behaviour(question.name).rcode
    const zone = zoneOf(this.fixture.zones, question.name)
    if (!zone || forced === 'REFUSED') {
      return {
        ...reply,
        flags: ((reply.flags ?? 0) & ~dnsPacket.AUTHORITATIVE_ANSWER) | RCODES.REFUSED,
      }
    }
    const broken = (this.fixture.brokenZones ?? []).map(fixtureName).includes(zone)
    if (forced === 'SERVFAIL' || broken)
      return { ...reply, flags: (reply.flags ?? 0) | RCODES.SERVFAIL }
    if (forced === 'NXDOMAIN') return this.negative(reply, zone, RCODES.NXDOMAIN)

    const answers: PacketAnswer[] = []
    const seen = new Set<string>()
    let name = fixtureName(question.name)
    for (let hop = 0; hop <= MAX_CHAIN; hop++) {
      seen.add(name)
      const records = this.byName.get(name) ?? []
      const matching = records.filter((r) => r.type === question.type)
      const cname = records.find((r) => r.type === 'CNAME')
      if (matching.length > 0 || !cname || question.type === 'CNAME') {
        answers.push(...matching.map((r) => toPacketAnswer(name, r)))
        if (answers.length > 0) return { ...reply, answers }
        const here = zoneOf(this.fixture.zones, name) ?? zone
        const exists = this.existing.has(name)
        return { ...this.negative(reply, here, exists ? RCODES.NOERROR : RCODES.NXDOMAIN), answers }
      }
      // Follow the alias inside our own data, as an authoritative server does (RFC 1034 §4.3.2).
      answers.push(toPacketAnswer(name, cname))
      const target = fixtureName(cname.type === 'CNAME' ? cname.value : name)
      if (seen.has(target) || !zoneOf(this.fixture.zones, target)) break
      name = target
    }
    return { ...reply, answers }
  }

  /** NXDOMAIN or NODATA with the zone's SOA in the authority section (RFC 2308 §2). */
  private negative(reply: Packet, zone: string, rcode: number): Packet {
    return {
      ...reply,
      flags: (reply.flags ?? 0) | rcode,
      authorities: [
        {
          name: zone,
          type: 'SOA',
          ttl: 300,
          data: {
            mname: `ns1.${zone}`,
            rname: `hostmaster.${zone}`,
            serial: 1,
            refresh: 3600,
            retry: 900,
            expire: 604800,
            minimum: 300,
          },
        },
      ],
    }
  }
}

function toPacketAnswer(name: string, record: FixtureRecord): PacketAnswer {
  switch (record.type) {
    case 'TXT':
      return { name, type: 'TXT', ttl: 300, data: record.strings }
    case 'MX':
      return {
        name,
        type: 'MX',
        ttl: 300,
        data: { preference: record.preference, exchange: record.exchange },
      }
    default:
      return { name, type: record.type, ttl: 300, data: record.value }
  }
}

/** Encode a reply; when it does not fit in `limit` octets keep only the header and question, TC set. */
function encodeReply(reply: Packet, limit: number): Buffer {
  let wire: Buffer
  try {
    wire = dnsPacket.encode(reply)
  } catch {
    wire = dnsPacket.encode({
      ...reply,
      answers: [],
      authorities: [],
      flags: (reply.flags ?? 0) | RCODES.SERVFAIL,
    })
  }
  if (wire.length <= limit) return wire
  return dnsPacket.encode({
    ...reply,
    answers: [],
    authorities: [],
    flags: (reply.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Start the server on 127.0.0.1 with UDP and TCP on one free port. */
export async function startDnsServer(
  fixture: Fixture,
  options: DnsServerOptions = {},
): Promise<DnsServer> {
  const zones = new Zones(fixture)
  const queries = new Log()
  const udpLimit = options.udpLimit ?? 512
  const sockets = new Set<net.Socket>()
  let closing = false

  /** Decode, log, wait and answer; undefined means stay silent. */
  async function handle(message: Buffer, transport: 'udp' | 'tcp'): Promise<Packet | undefined> {
    let query: DecodedPacket
    try {
      query = dnsPacket.decode(message)
    } catch {
      return undefined // not DNS: nothing sensible to answer
    }
    const question = query.questions?.[0]
    const name = fixtureName(question?.name ?? '')
    queries.log.push({ name, type: String(question?.type ?? ''), transport, at: Date.now() })
    const behaviour = zones.behaviour(name)
    if (behaviour.drop) return undefined
    queries.inFlight++
    queries.maxInFlight = Math.max(queries.maxInFlight, queries.inFlight)
    try {
      const delay = (options.delayMs ?? 0) + (behaviour.delayMs ?? 0)
      if (delay > 0) await sleep(delay)
      return zones.answer(query)
    } finally {
      queries.inFlight--
    }
  }

  const { udp, tcp, port } = await bindBoth()

  udp.on('message', (message, remote) => {
    void handle(message, 'udp').then((reply) => {
      if (!reply || closing) return
      udp.send(encodeReply(reply, udpLimit), remote.port, remote.address)
    })
  })

  // RFC 1035 §4.2.2 / RFC 7766 §8: each message carries a two-octet length prefix; a client may
  // send several queries on one connection and replies may come back in any order.
  tcp.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0)
        if (pending.length < 2 + length) break
        const message = pending.subarray(2, 2 + length)
        pending = pending.subarray(2 + length)
        void handle(message, 'tcp').then((reply) => {
          if (!reply || closing || socket.destroyed) return
          const wire = encodeReply(reply, 65535)
          const prefix = Buffer.alloc(2)
          prefix.writeUInt16BE(wire.length)
          socket.write(Buffer.concat([prefix, wire]))
        })
      }
    })
  })

  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    queries,
    async close() {
      closing = true
      for (const socket of sockets) socket.destroy()
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ])
    },
  }
}

/** Bind UDP on a random port, then TCP on the same number (retrying if that one is taken). */
async function bindBoth(): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4')
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject)
      udp.bind(0, '127.0.0.1', () => resolve())
    })
    const port = udp.address().port
    const tcp = net.createServer()
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false))
      tcp.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (ok) return { udp, tcp, port }
    await new Promise<void>((resolve) => udp.close(() => resolve()))
  }
  throw new Error('no free port with both UDP and TCP on 127.0.0.1')
}

/** A UDP socket that reads queries and never answers: the "server that never responds". */
export async function startBlackhole(): Promise<{
  address: string
  port: number
  received: () => number
  close(): Promise<void>
}> {
  const udp = dgram.createSocket('udp4')
  let received = 0
  udp.on('message', () => received++)
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()))
  const port = udp.address().port
  return {
    address: `127.0.0.1:${port}`,
    port,
    received: () => received,
    close: () => new Promise<void>((resolve) => udp.close(() => resolve())),
  }
}
