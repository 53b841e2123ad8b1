/**
 * Synchronous work over a resolver, in passes. `check_host()` and the lookup walk run without a
 * promise per query: each pass takes the answers the resolver has in memory (the repository's
 * zones, the cache). A query whose answer is not at hand is sent, the pass stops there with
 * `NotAtHand`, and once the answer has come the next pass starts again from the top, given the
 * late answers again. The same answers lead to the same queries, so each query is sent once, in
 * the order the work would send it if it waited. On a large repository nearly every pass is the
 * only one.
 *
 * The caller names each query: the walk by (type, name), so that a name asked twice in a tree is
 * sent once; `check_host()` by its place in the evaluation's order, so that a resolver sees the
 * same queries, repeats included, whether its answers come at once or later.
 */
import type { Answer, RecordTypes, Resolver, RRType } from './resolver.js'

/** A pass needs an answer that is not at hand: await `answer`, then run the next pass. */
export class NotAtHand {
  constructor(readonly answer: Promise<unknown>) {}
}

/** The answers that came late to one piece of work, by the caller's key, across its passes. */
export class LateAnswers<K> {
  /** Answers that were not at hand when first asked. */
  private readonly came = new Map<K, Answer<unknown>>()
  /** Queries sent and not answered yet, sent once however many passes ask. */
  private readonly asked = new Map<K, Promise<unknown>>()

  constructor(private readonly resolver: Resolver) {}

  /**
   * The answer to query `key`, (name, type), that came late in an earlier pass; otherwise the
   * query is sent (once) and its promise returned, which settles when the answer is here.
   */
  get<T extends RRType>(key: K, name: string, type: T): Answer<RecordTypes[T]> | Promise<unknown> {
    const came = this.came.get(key)
    if (came !== undefined) return came as Answer<RecordTypes[T]>
    let asked = this.asked.get(key)
    if (asked === undefined) {
      asked = this.resolver.resolve(name, type).then((answer) => {
        this.came.set(key, answer)
        this.asked.delete(key)
      })
      this.asked.set(key, asked)
    }
    return asked
  }
}
