/**
 * A small concurrency limiter: at most `max` tasks run at once, the rest wait in arrival order.
 * Used to keep a run from flooding a resolver with hundreds of parallel queries.
 *
 * Tasks nobody waits on yet (prefetches) go in a second queue that only gets a slot no waiting
 * task wants, and never one of the last `max / 4`: a query a walk needs next, typically the child
 * of an answer just read, then finds a slot free at once instead of waiting a round trip for one
 * that a prefetch holds.
 */
export class Limiter {
  private running = 0
  private peak = 0
  private readonly waiting: (() => void)[] = []
  private readonly later: (() => void)[] = []
  private drainScheduled = false
  /** Slots `runLater` tasks may fill; the rest are kept for `run` tasks. */
  private readonly laterMax: number

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be >= 1: ${max}`)
    this.laterMax = max - Math.floor(max / 4)
  }

  /** Tasks running now. */
  get active(): number {
    return this.running
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.waiting.length + this.later.length
  }

  /** The most tasks that ever ran at once. */
  get maxActive(): number {
    return this.peak
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    // A free slot starts the task now rather than a turn of the promise queue later.
    if (this.running < this.max) {
      this.begin()
      return this.hold(task)
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.hold(task))
  }

  /**
   * Run `task` once no `run` task is waiting. It takes a slot only at the end of a turn of the
   * event loop, so tasks queued in the same turn, typically the work that asked for the
   * prefetch, take the free slots first. `hurry()` moves it to the `run` queue, for when
   * someone starts waiting on its result.
   */
  runLater<T>(task: () => Promise<T>): { done: Promise<T>; hurry(): void } {
    let start = () => {}
    const slot = new Promise<void>((resolve) => (start = resolve))
    this.later.push(start)
    this.scheduleDrain()
    const hurry = () => {
      const at = this.later.indexOf(start)
      if (at < 0) return
      this.later.splice(at, 1)
      if (this.running < this.max) this.begin(start)
      else this.waiting.push(start)
    }
    return { done: slot.then(() => this.hold(task)), hurry }
  }

  private async hold<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task()
    } finally {
      this.release()
    }
  }

  /** Take a free slot (for `start`, when given). */
  private begin(start?: () => void): void {
    this.running++
    this.peak = Math.max(this.peak, this.running)
    start?.()
  }

  private release(): void {
    // The slot passes straight to the next waiter, so `running` does not change.
    const next = this.waiting.shift()
    if (next) return next()
    this.running--
    // Prefetches wait for the turn to end: the answers read in this turn may lead to queries
    // that someone waits on, and those should find the slot free.
    if (this.later.length > 0) this.scheduleDrain()
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return
    this.drainScheduled = true
    setImmediate(() => {
      this.drainScheduled = false
      while (this.running < this.laterMax && this.waiting.length === 0) {
        const next = this.later.shift()
        if (!next) break
        this.begin(next)
      }
    })
  }
}
