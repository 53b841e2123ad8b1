/**
 * One resolver interface for every source of DNS answers: the repository's own zones, a provider
 * lock file, live DNS. Layers are tried in order; a layer that cannot speak for a name answers
 * `unknown` and the next one is asked.
 */
import type { ZoneRecord } from '../model/record.js'

export interface TxtAnswer {
  /** The character-strings joined without separators (RFC 7208 §3.3). */
  text: string
  strings: string[]
  /** Set when the answer comes from a record in the repository. */
  source?: ZoneRecord
}

export interface MxAnswer {
  preference: number
  exchange: string
}

export interface RecordTypes {
  TXT: TxtAnswer
  SPF: TxtAnswer
  A: string
  AAAA: string
  MX: MxAnswer
  PTR: string
  CNAME: string
}

export type RRType = keyof RecordTypes

/** Where an answer came from: the files, the lock file, or live DNS. */
export type AnswerOrigin = 'zone' | 'lock' | 'live'

export type Answer<T> =
  | { status: 'ok'; records: T[]; origin: AnswerOrigin }
  /** The name does not exist (RCODE 3): a void lookup. */
  | { status: 'nxdomain'; origin: AnswerOrigin }
  /** The name exists but has no records of this type (RCODE 0, empty): a void lookup. */
  | { status: 'nodata'; origin: AnswerOrigin }
  /** The query failed (timeout, SERVFAIL, REFUSED, ...): temperror for receivers. */
  | { status: 'error'; error: string; origin: AnswerOrigin }
  /**
   * Nobody could answer: outside the repository with live DNS off. Never treated as void.
   * `outside`: the name the query ended at when an alias inside the repository (CNAME, ALIAS)
   * led out of it.
   */
  | { status: 'unknown'; outside?: string }

export interface Resolver {
  resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>>
  /**
   * The same answer as `resolve`, now, when it is already in memory; undefined when only
   * `resolve` can tell. Optional: it spares callers a promise per query on large runs.
   */
  resolveSync?<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> | undefined
  /**
   * Ask now for an answer that nothing waits on yet, behind the queries callers wait on; later
   * `resolve` calls for the same (name, type) share it. Optional: only for resolvers that cache.
   */
  prefetch?(name: string, type: RRType): void
}

/** A void lookup (RFC 7208 §4.6.4): the name does not exist, or has no records of the type. */
export function isVoidAnswer(answer: { status: string }): boolean {
  return answer.status === 'nxdomain' || answer.status === 'nodata'
}

/** Normalise a domain name for lookups: lower case, no trailing dot. */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

const UNKNOWN: Answer<never> = Object.freeze({ status: 'unknown' })

/** Tries each layer in order; the first answer other than `unknown` wins. */
export class LayeredResolver implements Resolver {
  constructor(private readonly layers: Resolver[]) {}

  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    let unknown: Answer<RecordTypes[T]> = UNKNOWN
    let asked = name
    for (const layer of this.layers) {
      // A layer that knows at once (the repository's zones) costs no turn of the queue.
      const answer = layer.resolveSync?.(asked, type) ?? (await layer.resolve(asked, type))
      if (answer.status !== 'unknown') return answer
      // The first layer's "unknown" says the most (where an alias of its led out of it).
      if (unknown === UNKNOWN) unknown = answer
      // An alias in the repository decides where the name leads: the next layers are asked
      // about its target, not about what the name points to where it is published now.
      if (answer.outside !== undefined) asked = answer.outside
    }
    return unknown
  }

  /** Answers only while every layer asked can answer synchronously. */
  resolveSync<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> | undefined {
    let unknown: Answer<RecordTypes[T]> = UNKNOWN
    let asked = name
    for (const layer of this.layers) {
      const answer = layer.resolveSync?.(asked, type)
      if (answer === undefined) return undefined
      if (answer.status !== 'unknown') return answer
      if (unknown === UNKNOWN) unknown = answer
      if (answer.outside !== undefined) asked = answer.outside
    }
    return unknown
  }
}

/** A query in flight, or its answer once known. */
type Cached = Promise<Answer<unknown>> | Answer<unknown>

/** Caches every answer per (name, type) for the whole run, sharing in-flight queries. */
export class CachingResolver implements Resolver {
  /**
   * Per type, by normalised name: a query in flight, or its answer once known (kept bare so
   * `resolveSync` can return it). One map per type rather than `"TXT name"` keys: a key made per
   * query is a new string to hash, and a large run asks a million times.
   */
  private readonly byType = new Map<RRType, Map<string, Cached>>()
  constructor(private readonly inner: Resolver) {}

  resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    const hit = this.lookup(name, type)
    return (hit instanceof Promise ? hit : Promise.resolve(hit)) as Promise<Answer<RecordTypes[T]>>
  }

  resolveSync<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> | undefined {
    const hit = this.lookup(name, type)
    return hit instanceof Promise ? undefined : (hit as Answer<RecordTypes[T]>)
  }

  /** The inner resolver's prefetch when it has one (it then shares the query), else a resolve. */
  prefetch(name: string, type: RRType): void {
    const cache = this.cacheOf(type)
    const key = normalizeName(name)
    if (cache.has(key)) return
    if (this.inner.prefetch) this.inner.prefetch(name, type)
    else void Promise.resolve(this.ask(cache, key, name, type)).catch(() => {})
  }

  private lookup(name: string, type: RRType): Cached {
    const cache = this.cacheOf(type)
    const key = normalizeName(name)
    return cache.get(key) ?? this.ask(cache, key, name, type)
  }

  private cacheOf(type: RRType): Map<string, Cached> {
    let cache = this.byType.get(type)
    if (!cache) this.byType.set(type, (cache = new Map()))
    return cache
  }

  private ask(cache: Map<string, Cached>, key: string, name: string, type: RRType): Cached {
    const now = this.inner.resolveSync?.(name, type)
    if (now !== undefined) {
      cache.set(key, now)
      return now
    }
    const pending = this.inner.resolve(name, type)
    cache.set(key, pending)
    pending.then(
      (answer) => cache.set(key, answer),
      () => {},
    )
    return pending
  }
}
