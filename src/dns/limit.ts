/**
 * A small concurrency limiter: at most `max` tasks run at once, the rest wait in arrival order.
 * Used to keep a run from flooding a resolver with hundreds of parallel queries.
 */
export class Limiter {
  private running = 0
  private peak = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be >= 1: ${max}`)
  }

  /** Tasks running now. */
  get active(): number {
    return this.running
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.waiting.length
  }

  /** The most tasks that ever ran at once. */
  get maxActive(): number {
    return this.peak
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await task()
    } finally {
      this.release()
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.max) {
      this.running++
      this.peak = Math.max(this.peak, this.running)
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(): void {
    const next = this.waiting.shift()
    // The slot passes straight to the next waiter, so `running` does not change.
    if (next) next()
    else this.running--
  }
}
