/**
 * Live DNS through Node's own stub resolver (c-ares): UDP first, TCP when an answer comes back
 * truncated (RFC 1035 §4.2.1, RFC 7766). Built for a lint run that may walk hundreds of include
 * trees, so it bounds everything a hostile or broken DNS can make unbounded: per-query time, the
 * whole run's time, parallel queries and the total number of queries.
 */
import { promises as dnsPromises } from 'node:dns'
import { isIP } from 'node:net'
import { Limiter } from './limit.js'
import { normalizeName } from './resolver.js'
import type { Answer, MxAnswer, RRType, RecordTypes, Resolver, TxtAnswer } from './resolver.js'

export interface LiveResolverOptions {
  /** `1.1.1.1`, `192.0.2.53:5353`, `::1`, `[::1]:53`. Empty: the system's servers. */
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
  /** SPF (type 99) lookups answered without a query: c-ares cannot ask for that type. */
  unsupported: number
  /** Queries on the wire now, and the most there ever were at once. */
  inFlight: number
  maxInFlight: number
}

type LiveAnswer = Answer<RecordTypes[RRType]>

/** Readable reasons for the c-ares error codes Node passes through. */
const REASONS: Record<string, string> = {
  ETIMEOUT: 'timed out',
  ESERVFAIL: 'server failure (SERVFAIL)',
  EREFUSED: 'query refused (REFUSED)',
  ECONNREFUSED: 'connection refused by the server',
  EFORMERR: 'server rejected the query as malformed (FORMERR)',
  ENOTIMP: 'server does not implement the query (NOTIMP)',
  EBADRESP: 'malformed reply',
  EBADNAME: 'invalid domain name',
  EBADQUERY: 'invalid query',
  ECANCELLED: 'query cancelled',
  EDESTRUCTION: 'resolver shut down',
  ENOMEM: 'out of memory',
}

/** Validate one server spec and turn it into the form `Resolver#setServers` accepts. */
export function parseServer(spec: string): string {
  const text = spec.trim()
  let host = text
  let port: string | undefined
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text)
  if (bracketed) {
    host = bracketed[1] as string
    port = bracketed[2]
  } else if (isIP(text) === 0) {
    const hostPort = /^([^:]+):(\d+)$/.exec(text)
    if (hostPort) {
      host = hostPort[1] as string
      port = hostPort[2]
    }
  }
  const family = isIP(host)
  if (family === 0) throw new Error(`invalid DNS server "${spec}": expected an IP address`)
  if (bracketed && family !== 6) throw new Error(`invalid DNS server "${spec}": [] is for IPv6`)
  if (port === undefined) return host
  const n = Number(port)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`invalid DNS server "${spec}": port must be 1-65535`)
  }
  return family === 6 ? `[${host}]:${n}` : `${host}:${n}`
}

/**
 * Why a name cannot be put in a query, or undefined. RFC 1035 §2.3.4: labels up to 63 octets,
 * names up to 255 octets on the wire (253 in text without the final dot).
 */
export function invalidNameReason(name: string): string | undefined {
  if (name.length === 0) return 'empty name'
  if (Buffer.byteLength(name, 'utf8') > 253) return 'name longer than 253 octets'
  for (const label of name.split('.')) {
    if (label.length === 0) return 'empty label'
    if (Buffer.byteLength(label, 'utf8') > 63) return 'label longer than 63 octets'
  }
  return undefined
}

export class LiveResolver implements Resolver {
  private readonly dns: dnsPromises.Resolver
  private readonly limiter: Limiter
  private readonly cache = new Map<string, Promise<LiveAnswer>>()
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
    this.dns = new dnsPromises.Resolver({
      timeout: Math.round(options.timeoutMs),
      tries: Math.round(options.tries),
    })
    if (options.servers.length > 0) this.dns.setServers(options.servers.map(parseServer))
    this.limiter = new Limiter(Math.round(options.concurrency))
    this.deadlineAt = Date.now() + options.deadlineMs
  }

  /** A snapshot of the counters, for reports and benchmarks. */
  get counters(): LiveCounters {
    return { ...this.stats }
  }

  resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    const normal = normalizeName(name)
    const key = `${type} ${normal}`
    let answer = this.cache.get(key)
    if (answer) {
      this.stats.cacheHits++
    } else {
      answer = this.lookup(normal, type).then((a) => {
        if (a.status === 'error') this.stats.errors++
        return a
      })
      this.cache.set(key, answer)
    }
    return answer as Promise<Answer<RecordTypes[T]>>
  }

  /** Abandon every outstanding query (they answer `error`) and refuse new ones. */
  close(): void {
    this.closed = true
    this.dns.cancel()
  }

  private async lookup(name: string, type: RRType): Promise<LiveAnswer> {
    // c-ares has no generic query call, so type 99 cannot be asked. Receivers only use TXT
    // (RFC 7208 §3.1, §14.1), so treating it as absent changes no SPF result.
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
    return this.withDeadline(
      name,
      type,
      this.limiter.run(() => this.send(name, type)),
    )
  }

  /** One query on the wire, inside a limiter slot. */
  private async send(name: string, type: RRType): Promise<LiveAnswer> {
    if (this.closed) return this.fail(name, type, 'resolver closed')
    if (Date.now() >= this.deadlineAt) return this.deadlineFail(name, type)
    this.stats.queries++
    this.stats.inFlight++
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight)
    this.options.onQuery?.(name, type)
    // c-ares backs off between tries and adds jitter, so its own timeout can run well past
    // timeoutMs × tries; this guard keeps the configured budget a hard bound.
    const budget = this.options.timeoutMs * this.options.tries
    let timer: NodeJS.Timeout | undefined
    const guard = new Promise<LiveAnswer>((resolve) => {
      timer = setTimeout(
        () =>
          resolve(
            this.fail(
              name,
              type,
              `timed out after ${this.options.tries} × ${this.options.timeoutMs} ms`,
            ),
          ),
        budget,
      )
    })
    try {
      return await Promise.race([this.query(name, type), guard])
    } finally {
      clearTimeout(timer)
      this.stats.inFlight--
    }
  }

  private async query(name: string, type: RRType): Promise<LiveAnswer> {
    try {
      const records = await this.ask(name, type)
      if (records.length === 0) return { status: 'nodata', origin: 'live' }
      return { status: 'ok', records, origin: 'live' }
    } catch (error) {
      return this.mapError(name, type, error)
    }
  }

  private async ask(name: string, type: RRType): Promise<RecordTypes[RRType][]> {
    switch (type) {
      case 'TXT':
        return (await this.dns.resolveTxt(name)).map(toTxtAnswer)
      case 'A':
        return this.dns.resolve4(name)
      case 'AAAA':
        return this.dns.resolve6(name)
      case 'MX':
        return (await this.dns.resolveMx(name)).map((mx): MxAnswer => ({
          preference: mx.priority,
          exchange: normalizeName(mx.exchange),
        }))
      case 'PTR':
        return (await this.dns.resolvePtr(name)).map(normalizeName)
      case 'CNAME':
        return (await this.dns.resolveCname(name)).map(normalizeName)
      default:
        throw new Error(`unsupported record type ${type}`)
    }
  }

  private mapError(name: string, type: RRType, error: unknown): LiveAnswer {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ENOTFOUND') return { status: 'nxdomain', origin: 'live' }
    if (code === 'ENODATA') return { status: 'nodata', origin: 'live' }
    if (code === 'ECANCELLED' && Date.now() >= this.deadlineAt) return this.deadlineFail(name, type)
    if (typeof code === 'string') {
      const reason = REASONS[code]
      return this.fail(name, type, reason ? `${reason} (${code})` : code)
    }
    return this.fail(name, type, error instanceof Error ? error.message : String(error))
  }

  /** Answer `error` once the run's deadline passes, even while the query waits or runs. */
  private async withDeadline(
    name: string,
    type: RRType,
    work: Promise<LiveAnswer>,
  ): Promise<LiveAnswer> {
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<LiveAnswer>((resolve) => {
      timer = setTimeout(
        () => resolve(this.deadlineFail(name, type)),
        Math.max(0, this.deadlineAt - Date.now()),
      )
    })
    try {
      return await Promise.race([work, expired])
    } finally {
      clearTimeout(timer)
    }
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

/** c-ares hands TXT records over as their character-strings; join them (RFC 7208 §3.3). */
function toTxtAnswer(strings: string[]): TxtAnswer {
  return { text: strings.join(''), strings }
}

/** Names in messages may come from hostile data: escape what a terminal would interpret. */
function printable(name: string): string {
  const shown = name.length > 300 ? `${name.slice(0, 300)}…` : name
  let out = ''
  for (const c of shown) {
    const code = c.charCodeAt(0)
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f)
    out += control || c === '"' || c === '\\' ? `\\${code.toString().padStart(3, '0')}` : c
  }
  return out
}
