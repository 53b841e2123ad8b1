/**
 * Live DNS through a stub resolver of our own (transport.ts): UDP with EDNS0, TCP when an answer
 * still comes back truncated (RFC 6891, RFC 7766). Built for a lint run that may walk hundreds of
 * include trees, so it bounds everything a hostile or broken DNS can make unbounded: per-query
 * time, the whole run's time, parallel queries and the total number of queries.
 */
import { getServers } from 'node:dns'
import { Limiter } from './limit.js'
import { normalizeName } from './resolver.js'
import { toServer } from './servers.js'
import type { Answer, MxAnswer, RRType, RecordTypes, Resolver, TxtAnswer } from './resolver.js'
import { Transport } from './transport.js'
import type { Server } from './transport.js'
import type { RecordData, Reply } from './wire.js'

export interface LiveResolverOptions {
  /** `1.1.1.1`, `192.0.2.53:5353`, `::1`, `[::1]:53`, asked in turn. Empty: the system's. */
  servers: string[]
  /** Time given to one try of one query. */
  timeoutMs: number
  /** Tries per query (the first one included). */
  tries: number
  /** Queries on the wire at once. */
  concurrency: number
  /** Queries sent in the whole run; past it every new (name, type) answers `error`. */
  maxQueries: number
  /** Time for the whole run, counted from construction; past it every query answers `error`. */
  deadlineMs: number
  /** Called as each query goes on the wire. */
  onQuery?(name: string, type: RRType): void
}

export interface LiveCounters {
  /** Queries sent to a server. */
  queries: number
  /** Answers served from the run's cache (including waits on an in-flight query). */
  cacheHits: number
  /** Answers with status `error` (timeouts, SERVFAIL, REFUSED, cap, deadline, bad names). */
  errors: number
  /** SPF (type 99) lookups answered without a query: receivers only ask for TXT. */
  unsupported: number
  /** Queries on the wire now, and the most there ever were at once. */
  inFlight: number
  maxInFlight: number
}

type LiveAnswer = Answer<RecordTypes[RRType]>

/** Readable reasons for the error codes of transport.ts (c-ares' names) and of sockets. */
const REASONS: Record<string, string> = {
  ETIMEOUT: 'timed out',
  ESERVFAIL: 'server failure (SERVFAIL)',
  EREFUSED: 'query refused (REFUSED)',
  ECONNREFUSED: 'connection refused by the server',
  ECONNRESET: 'connection reset by the server',
  EFORMERR: 'server rejected the query as malformed (FORMERR)',
  ENOTIMP: 'server does not implement the query (NOTIMP)',
  EBADRESP: 'malformed reply',
  ECANCELLED: 'query cancelled',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
}

/** RCODEs other than NOERROR and NXDOMAIN (RFC 1035 §4.1.1), as error codes. */
const RCODE_ERRORS: Record<number, string> = {
  1: 'EFORMERR',
  2: 'ESERVFAIL',
  4: 'ENOTIMP',
  5: 'EREFUSED',
}

/**
 * Why a name cannot be put in a query, or undefined. RFC 1035 §2.3.4: labels up to 63 octets,
 * names up to 255 octets on the wire (253 in text without the final dot).
 */
export function invalidNameReason(name: string): string | undefined {
  if (name.length === 0) return 'empty name'
  const octets = Buffer.byteLength(name, 'utf8')
  if (octets > 253) return 'name longer than 253 octets'
  // All ASCII (the usual case): a label's length in characters is its length in octets.
  const size = octets === name.length ? (l: string) => l.length : Buffer.byteLength
  for (const label of name.split('.')) {
    if (label.length === 0) return 'empty label'
    if (size(label) > 63) return 'label longer than 63 octets'
  }
  return undefined
}

export class LiveResolver implements Resolver {
  private readonly servers: Server[]
  private readonly transport: Transport
  private readonly limiter: Limiter
  private readonly cache = new Map<string, Promise<LiveAnswer>>()
  /** How to end each query still waiting or running, for the run's deadline. */
  private readonly pending = new Set<() => void>()
  private deadlineTimer: NodeJS.Timeout | undefined
  /** Prefetches still waiting for a slot, by cache key: how to move them up the queue. */
  private readonly queued = new Map<string, () => void>()
  private readonly deadlineAt: number
  private admitted = 0
  private closed = false
  private readonly stats: LiveCounters = {
    queries: 0,
    cacheHits: 0,
    errors: 0,
    unsupported: 0,
    inFlight: 0,
    maxInFlight: 0,
  }

  constructor(private readonly options: LiveResolverOptions) {
    for (const key of ['timeoutMs', 'tries', 'concurrency', 'maxQueries', 'deadlineMs'] as const) {
      const value = options[key]
      if (!Number.isFinite(value) || value < (key === 'maxQueries' ? 0 : 1)) {
        throw new RangeError(`LiveResolver: invalid ${key}: ${value}`)
      }
    }
    // The system's servers as Node read them from the resolver configuration at start-up.
    const specs = options.servers.length > 0 ? options.servers : getServers()
    this.servers = specs.map(toServer)
    this.transport = new Transport({
      servers: this.servers,
      timeoutMs: options.timeoutMs,
      tries: Math.round(options.tries),
    })
    this.limiter = new Limiter(Math.round(options.concurrency))
    this.deadlineAt = Date.now() + options.deadlineMs
  }

  /** A snapshot of the counters, for reports and benchmarks. */
  get counters(): LiveCounters {
    return { ...this.stats }
  }

  resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    return this.answer(name, type, false) as Promise<Answer<RecordTypes[T]>>
  }

  /**
   * Ask now for an answer needed later: the query waits for a slot no `resolve` caller wants,
   * and a `resolve` of the same (name, type) shares it (and moves it up if it still waits).
   */
  prefetch(name: string, type: RRType): void {
    void this.answer(name, type, true)
  }

  /** Resolves once the sockets to the servers are connected (or failed): see Transport. */
  connected(): Promise<void> {
    return this.transport.connected()
  }

  /** Abandon every outstanding query (they answer `error`) and refuse new ones. */
  close(): void {
    this.closed = true
    clearTimeout(this.deadlineTimer)
    this.transport.close()
  }

  private answer(name: string, type: RRType, later: boolean): Promise<LiveAnswer> {
    const normal = normalizeName(name)
    const key = `${type} ${normal}`
    const known = this.cache.get(key)
    if (known) {
      if (!later) {
        this.stats.cacheHits++
        this.queued.get(key)?.()
      }
      return known
    }
    const answer = this.lookup(normal, type, later ? key : undefined).then((a) => {
      if (a.status === 'error') this.stats.errors++
      return a
    })
    this.cache.set(key, answer)
    return answer
  }

  /** `prefetchKey`: set for a prefetch, which queues behind the queries callers wait on. */
  private async lookup(name: string, type: RRType, prefetchKey?: string): Promise<LiveAnswer> {
    // Receivers only use TXT (RFC 7208 §3.1, §14.1), so type 99 is answered as absent without a
    // query: that changes no SPF result and saves a round trip per name.
    if (type === 'SPF') {
      this.stats.unsupported++
      return { status: 'nodata', origin: 'live' }
    }
    const invalid = invalidNameReason(name)
    if (invalid) return this.fail(name, type, invalid)
    if (this.closed) return this.fail(name, type, 'resolver closed')
    if (Date.now() >= this.deadlineAt) return this.deadlineFail(name, type)
    if (this.admitted >= this.options.maxQueries) {
      return this.fail(name, type, `query cap reached (${this.options.maxQueries} queries)`)
    }
    this.admitted++
    if (this.servers.length === 0) return this.fail(name, type, 'no DNS servers configured')
    if (prefetchKey === undefined) {
      return this.withDeadline(
        name,
        type,
        this.limiter.run(() => this.send(name, type)),
      )
    }
    const { done, hurry } = this.limiter.runLater(() => {
      this.queued.delete(prefetchKey)
      return this.send(name, type)
    })
    this.queued.set(prefetchKey, hurry)
    return this.withDeadline(name, type, done)
  }

  /** One query on the wire, inside a limiter slot. */
  private async send(name: string, type: RRType): Promise<LiveAnswer> {
    if (this.closed) return this.fail(name, type, 'resolver closed')
    if (Date.now() >= this.deadlineAt) return this.deadlineFail(name, type)
    this.stats.queries++
    this.stats.inFlight++
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight)
    this.options.onQuery?.(name, type)
    try {
      return this.toAnswer(name, type, await this.transport.exchange(name, type))
    } catch (error) {
      return this.mapError(name, type, error)
    } finally {
      this.stats.inFlight--
    }
  }

  private toAnswer(name: string, type: RRType, reply: Reply): LiveAnswer {
    if (reply.rcode === 3) return { status: 'nxdomain', origin: 'live' }
    if (reply.rcode !== 0) {
      const code = RCODE_ERRORS[reply.rcode]
      return code
        ? this.codeFail(name, type, code)
        : this.fail(name, type, `the server answered RCODE ${reply.rcode}`)
    }
    if (reply.records.length === 0) return { status: 'nodata', origin: 'live' }
    return { status: 'ok', records: reply.records.map(toRecord), origin: 'live' }
  }

  private mapError(name: string, type: RRType, error: unknown): LiveAnswer {
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string') return this.codeFail(name, type, code)
    return this.fail(name, type, error instanceof Error ? error.message : String(error))
  }

  private codeFail(name: string, type: RRType, code: string): LiveAnswer {
    if (code === 'ECANCELLED' && Date.now() >= this.deadlineAt) return this.deadlineFail(name, type)
    const reason = REASONS[code]
    return this.fail(name, type, reason ? `${reason} (${code})` : code)
  }

  /** Answer `error` once the run's deadline passes, even while the query waits or runs. */
  private withDeadline(name: string, type: RRType, work: Promise<LiveAnswer>): Promise<LiveAnswer> {
    return new Promise<LiveAnswer>((resolve, reject) => {
      const expire = () => resolve(this.deadlineFail(name, type))
      this.pending.add(expire)
      this.armDeadline()
      work.then(resolve, reject).finally(() => this.pending.delete(expire))
    })
  }

  /** One timer for the run rather than one per query: timers of distinct lengths cost. */
  private armDeadline(): void {
    if (this.deadlineTimer) return
    this.deadlineTimer = setTimeout(
      () => {
        for (const expire of [...this.pending]) expire()
      },
      Math.max(0, this.deadlineAt - Date.now()),
    )
    // Waiting must not keep the process alive: queries on the wire have timers of their own.
    this.deadlineTimer.unref()
  }

  private deadlineFail(name: string, type: RRType): LiveAnswer {
    return this.fail(name, type, `deadline exceeded (${this.options.deadlineMs} ms for the run)`)
  }

  private fail(name: string, type: RRType, reason: string): LiveAnswer {
    return {
      status: 'error',
      error: `${type} lookup of "${printable(name)}" failed: ${printable(reason)}`,
      origin: 'live',
    }
  }
}

/** Record data in the resolver contract's shapes; TXT strings joined (RFC 7208 §3.3). */
function toRecord(data: RecordData): RecordTypes[RRType] {
  switch (data.type) {
    case 'TXT':
      return { text: data.strings.join(''), strings: data.strings } satisfies TxtAnswer
    case 'MX':
      return {
        preference: data.preference,
        exchange: normalizeName(data.exchange),
      } satisfies MxAnswer
    case 'CNAME':
    case 'PTR':
      return normalizeName(data.value)
    default:
      return data.value
  }
}

/** Names in messages may come from hostile data: escape what a terminal would interpret. */
function printable(name: string): string {
  const shown = name.length > 300 ? `${name.slice(0, 300)}…` : name
  let out = ''
  let from = 0
  for (let i = 0; i < shown.length; i++) {
    const code = shown.charCodeAt(i)
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f)
    if (control || code === 0x22 || code === 0x5c) {
      out += `${shown.slice(from, i)}\\${code.toString().padStart(3, '0')}`
      from = i + 1
    }
  }
  return out + shown.slice(from)
}
