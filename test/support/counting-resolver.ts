import type { Answer, RecordTypes, Resolver, RRType } from '../../src/dns/resolver.js'

/**
 * Answers through `resolve` only, as live DNS does, and records every query so tests can
 * assert what was asked (`TXT example.com`).
 */
export class CountingResolver implements Resolver {
  readonly asked: string[] = []
  constructor(protected readonly inner: Resolver) {}
  resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    this.asked.push(`${type} ${name}`)
    return this.inner.resolve(name, type)
  }
}
