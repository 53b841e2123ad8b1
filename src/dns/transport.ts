/**
 * Questions to the configured servers: over UDP with EDNS0 (RFC 6891), over TCP when the UDP
 * answer still comes back truncated (RFC 7766 §5), on to the next server after a timeout or a
 * socket error. Node's c-ares resolver sends no EDNS0, so each answer over 512 octets cost it a
 * second round trip.
 *
 * One connected UDP socket per server serves every query, as in c-ares: opening a socket per
 * query costs more than the query. A reply counts only when it comes from the server asked and
 * echoes a random ID of ours and the question (RFC 5452 §4); anything else is ignored.
 */
import { randomFillSync } from 'node:crypto'
import dgram from 'node:dgram'
import net from 'node:net'
import { TYPE_CODES, WireError, decodeReply, encodeQuery, queryKey, replyId } from './wire.js'
import type { Reply, TypeName } from './wire.js'

export interface Server {
  host: string
  port: number
  family: 4 | 6
}

/** A failed exchange, with the c-ares style code LiveResolver reports. */
export class DnsError extends Error {
  override name = 'DnsError'
  constructor(
    readonly code: string,
    message: string = code,
  ) {
    super(message)
  }
}

export interface TransportOptions {
  servers: readonly Server[]
  /** Time for one try; each try asks the next server in turn. */
  timeoutMs: number
  tries: number
}

/** What a reply must echo to count. */
interface Expected {
  id: number
  type: TypeName
  key: string
}

type Settle<T> = (outcome: T | DnsError) => void
type Fail = (error: DnsError) => void

const RCODE_FORMERR = 1

export class Transport {
  private readonly channels = new Map<Server, UdpChannel>()
  /** Servers that answered FORMERR to EDNS0: asked without it from then on. */
  private readonly plain = new Set<Server>()
  /** How to abandon each pending wait, for close(). */
  private readonly cancels = new Set<() => void>()

  constructor(private readonly options: TransportOptions) {
    // Connecting takes a few turns of the event loop: done now, the first queries of a run
    // leave at once instead of after the burst of work that asked for them.
    for (const server of options.servers) this.channel(server)
  }

  /**
   * Ask `name`/`type` until a server answers, within tries × timeoutMs in all. Resolves with
   * any reply (its RCODE is the caller's to read); rejects with DnsError when none answered.
   */
  async exchange(name: string, type: TypeName): Promise<Reply> {
    const { servers, timeoutMs, tries } = this.options
    const until = Date.now() + timeoutMs * tries
    let failure: DnsError | undefined
    for (let attempt = 0; attempt < tries && Date.now() < until; attempt++) {
      const server = servers[attempt % servers.length] as Server
      try {
        const edns = !this.plain.has(server)
        const reply = await this.ask(server, name, type, edns, until)
        // RFC 6891 §7: a server that does not know EDNS0 answers FORMERR without an OPT record.
        if (!edns || reply.rcode !== RCODE_FORMERR || reply.edns) return reply
        this.plain.add(server)
        return await this.ask(server, name, type, false, until)
      } catch (error) {
        if (!(error instanceof DnsError) || error.code === 'ECANCELLED') throw error
        failure = error
      }
    }
    throw failure ?? new DnsError('ETIMEOUT')
  }

  /**
   * Resolves once every server's socket has connected or failed. Connecting finishes on a later
   * turn of the event loop; a caller about to ask many queries at once awaits this first, so
   * that each query leaves as it is asked rather than all together once the burst of work ends.
   */
  async connected(): Promise<void> {
    await Promise.all([...this.channels.values()].map((channel) => channel.settled))
  }

  /** Abandon every pending wait (ECANCELLED) and close the sockets. */
  close(): void {
    for (const cancel of [...this.cancels]) cancel()
    for (const channel of this.channels.values()) channel.close()
    this.channels.clear()
  }

  /** One try at one server: UDP, then TCP if the UDP answer was truncated. */
  private async ask(
    server: Server,
    name: string,
    type: TypeName,
    edns: boolean,
    until: number,
  ): Promise<Reply> {
    const wait = () => Math.max(1, Math.min(this.options.timeoutMs, until - Date.now()))
    const channel = this.channel(server)
    const expected: Expected = { id: channel.freeId(), type, key: queryKey(name) }
    const query = encodeQuery(expected.id, name, type, edns)
    const reply = await this.bounded<Reply>(wait(), (settle) =>
      channel.send(
        query,
        expected.id,
        (message) => {
          const reply = accept(message, expected, false)
          if (reply) settle(reply)
        },
        settle,
      ),
    )
    if (!reply.truncated) return reply
    return this.bounded<Reply>(wait(), (settle) => overTcp(server, query, expected, settle))
  }

  private channel(server: Server): UdpChannel {
    let channel = this.channels.get(server)
    if (!channel || channel.closed) {
      channel = new UdpChannel(server)
      this.channels.set(server, channel)
    }
    return channel
  }

  /**
   * A wait that settles exactly once: with what `open` passes to `settle`, ETIMEOUT after
   * `timeoutMs`, or ECANCELLED on close(). `open` starts the work and returns how to release
   * what it holds, which runs whichever way the wait ends.
   */
  private bounded<T>(timeoutMs: number, open: (settle: Settle<T>) => () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let release = () => {}
      let settled = false
      const settle: Settle<T> = (outcome) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        this.cancels.delete(cancel)
        release()
        if (outcome instanceof DnsError) reject(outcome)
        else resolve(outcome)
      }
      const cancel = () => settle(new DnsError('ECANCELLED'))
      const timer = setTimeout(() => settle(new DnsError('ETIMEOUT')), timeoutMs)
      this.cancels.add(cancel)
      const held = open(settle)
      // `open` may settle at once, before `release` is set.
      if (settled) held()
      else release = held
    })
  }
}

/**
 * The UDP socket to one server, connected so that it hears only that server and gets the ICMP
 * errors for it (ECONNREFUSED: nothing listens there). Replies go to the query with their ID.
 */
class UdpChannel {
  closed = false
  private connected = false
  private readonly socket: dgram.Socket
  private readonly ready: Promise<void>
  /** Resolves when the socket has connected, failed or closed. */
  readonly settled: Promise<void>
  private readonly waiting = new Map<number, { onReply(m: Buffer): void; onError: Fail }>()

  constructor(server: Server) {
    this.socket = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4')
    // Pending queries keep the process alive through their timers; an idle socket must not.
    this.socket.unref()
    this.socket.on('message', (message) => {
      const id = replyId(message)
      if (id !== undefined) this.waiting.get(id)?.onReply(message)
    })
    this.socket.on('error', (error) => this.fail(socketError(error)))
    this.ready = new Promise((resolve) => {
      this.socket.connect(server.port, server.host, () => {
        this.connected = true
        resolve()
      })
    })
    const ended = new Promise<void>((resolve) => this.socket.once('close', () => resolve()))
    this.settled = Promise.race([this.ready, ended])
  }

  /** A random ID no pending query of this socket uses. */
  freeId(): number {
    for (;;) {
      const id = randomId()
      if (!this.waiting.has(id)) return id
    }
  }

  /** Send `query`; returns how to stop listening for its reply. */
  send(query: Buffer, id: number, onReply: (message: Buffer) => void, onError: Fail): () => void {
    this.waiting.set(id, { onReply, onError })
    // No callback: a failed send comes as the socket's 'error' and ends its queries.
    const write = () => {
      if (!this.closed && this.waiting.has(id)) this.socket.send(query)
    }
    // Once connected, at once: a promise callback would queue behind every other in the run.
    if (this.connected) write()
    else void this.ready.then(write)
    return () => this.waiting.delete(id)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.socket.close()
  }

  /** A socket error ends every query on it; the next query opens a new socket. */
  private fail(error: DnsError): void {
    this.close()
    for (const { onError } of [...this.waiting.values()]) onError(error)
  }
}

/** Query IDs from the system's CSPRNG, drawn in batches: one call per query costs more. */
const ids = new Uint16Array(256)
let idsLeft = 0

function randomId(): number {
  if (idsLeft === 0) {
    randomFillSync(ids)
    idsLeft = ids.length
  }
  return ids[--idsLeft] as number
}

/** RFC 1035 §4.2.2: each message on the connection has a two-octet length prefix. */
function overTcp(
  server: Server,
  query: Buffer,
  expected: Expected,
  settle: Settle<Reply>,
): () => void {
  const socket = net.connect({ host: server.host, port: server.port })
  const prefix = Buffer.alloc(2)
  prefix.writeUInt16BE(query.length)
  let pending = Buffer.alloc(0)
  socket.on('connect', () => socket.write(Buffer.concat([prefix, query])))
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const message = pending.subarray(2, 2 + pending.readUInt16BE(0))
      pending = pending.subarray(2 + message.length)
      const reply = accept(message, expected, true)
      if (reply) return settle(reply)
    }
  })
  socket.on('error', (error) => settle(socketError(error)))
  socket.on('close', () => settle(new DnsError('EBADRESP', 'connection closed before a reply')))
  return () => socket.destroy()
}

/** Our reply, a malformed one (as an error), or undefined for anything not answering us. */
function accept(
  message: Buffer,
  expected: Expected,
  overTcp: boolean,
): Reply | DnsError | undefined {
  if (replyId(message) !== expected.id) return undefined
  let reply: Reply
  try {
    reply = decodeReply(message, expected.type, overTcp)
  } catch (error) {
    if (!(error instanceof WireError)) throw error
    return new DnsError('EBADRESP', `malformed reply: ${error.message}`)
  }
  const question = reply.question
  const echoes = question
    ? question.key === expected.key && question.type === TYPE_CODES[expected.type]
    : reply.rcode !== 0 // some servers leave the question out of an error reply
  return echoes ? reply : undefined
}

function socketError(error: Error): DnsError {
  const code = (error as NodeJS.ErrnoException).code
  return new DnsError(typeof code === 'string' ? code : 'EBADRESP', error.message)
}
