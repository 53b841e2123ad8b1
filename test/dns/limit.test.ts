import { describe, expect, it } from 'vitest'
import { Limiter } from '../../src/dns/limit.js'

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {}
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('Limiter', () => {
  it('runs at most max tasks at once, the rest in arrival order', async () => {
    const limiter = new Limiter(2)
    const gates = [deferred(), deferred(), deferred(), deferred()]
    const started: number[] = []
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i)
        await gate.promise
        return i
      }),
    )
    await Promise.resolve()
    expect(started).toEqual([0, 1])
    expect(limiter.pending).toBe(2)
    gates[1]?.resolve()
    await runs[1]
    await Promise.resolve()
    expect(started).toEqual([0, 1, 2])
    for (const gate of gates) gate.resolve()
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3])
    expect(limiter.maxActive).toBe(2)
    expect(limiter.active).toBe(0)
  })

  it('frees the slot when a task throws', async () => {
    const limiter = new Limiter(1)
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await limiter.run(async () => 'next')).toBe('next')
    expect(limiter.active).toBe(0)
  })

  it('starts a runLater task only after this turn, and behind every run task', async () => {
    const limiter = new Limiter(1)
    const started: string[] = []
    const task = (name: string, gate?: Promise<void>) => async () => {
      started.push(name)
      await gate
      return name
    }
    const gate = deferred()
    const later = limiter.runLater(task('later'))
    const first = limiter.run(task('first', gate.promise))
    const second = limiter.run(task('second'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual(['first'])
    expect(limiter.pending).toBe(2)
    gate.resolve()
    expect(await Promise.all([first, second, later.done])).toEqual(['first', 'second', 'later'])
    expect(started).toEqual(['first', 'second', 'later'])
  })

  it('hurry() moves a runLater task into the run queue', async () => {
    const limiter = new Limiter(1)
    const started: string[] = []
    const gate = deferred()
    const first = limiter.run(async () => {
      started.push('first')
      await gate.promise
    })
    const a = limiter.runLater(async () => void started.push('a'))
    const b = limiter.runLater(async () => void started.push('b'))
    const c = limiter.run(async () => void started.push('c'))
    b.hurry()
    b.hurry()
    gate.resolve()
    await Promise.all([first, a.done, b.done, c])
    expect(started).toEqual(['first', 'c', 'b', 'a'])
    expect(limiter.maxActive).toBe(1)
  })

  it('keeps a quarter of the slots from runLater tasks, for the run tasks that come next', async () => {
    const limiter = new Limiter(8)
    const gate = deferred()
    const later = Array.from({ length: 10 }, () => limiter.runLater(() => gate.promise))
    await new Promise((resolve) => setImmediate(resolve))
    expect(limiter.active).toBe(6)
    // A task someone waits on starts at once, twice over, rather than behind a prefetch.
    const started: string[] = []
    const runs = ['a', 'b'].map((name) => limiter.run(async () => void started.push(name)))
    expect(started).toEqual(['a', 'b'])
    gate.resolve()
    await Promise.all([...runs, ...later.map((l) => l.done)])
    expect(limiter.maxActive).toBe(8)
    expect(limiter.active).toBe(0)
  })

  it('rejects a limit below 1', () => {
    expect(() => new Limiter(0)).toThrow(RangeError)
    expect(() => new Limiter(1.5)).toThrow(RangeError)
  })
})
