import type { Resolver } from '../dns/resolver.js'
import type { SpfEntry } from '../rules/types.js'
import type { SpfRecord } from './types.js'
import { defaultLimits, shareParsed, walkRecord, walkTree, type WalkLimits } from './walk.js'

export interface WalkAllOptions {
  /**
   * First walk every tree at once with siblings in parallel, so that a slow (live) resolver is
   * asked each (name, type) as early as possible and the run takes about the depth of the
   * deepest tree in round trips, not the sum of every query. The resolver must cache: each
   * record's reproducible walk follows its parallel one and is answered from memory.
   */
  prefetch?: boolean
  /** Depth and size bounds of each tree (the configured `limits:`). */
  limits?: WalkLimits
  /**
   * The entries' records already parsed, by text; the walks adopt this map as their cache (and
   * add to it). Without it one is made from the entries.
   */
  parsed?: Map<string, SpfRecord>
}

/** Walk the lookup tree of every SPF record of the run, a few at a time. */
export async function walkAll(
  entries: SpfEntry[],
  resolver: Resolver,
  onDone?: (done: number, entry: SpfEntry) => void,
  options: WalkAllOptions = {},
): Promise<void> {
  let done = 0
  const limits = options.limits ?? defaultLimits
  shareParsed(resolver, options.parsed ?? parsedByText(entries))
  if (options.prefetch) {
    const parallel = { ...limits, parallel: true }
    let walking = entries.length
    const turn = turns(() => walking > 0)
    await Promise.all(
      entries.map(async (entry) => {
        await walkRecord(entry.record.name, entry.spf, resolver, entry.record, parallel)
        walking--
        // This walk is answered from memory: CPU only, and nothing waits on it but the end of
        // the run. One per turn of the event loop lets the answers other walks wait for, and
        // the queries they lead to, go first: a shared include completes dozens of trees at once.
        await turn()
        entry.tree = await walkRecord(entry.record.name, entry.spf, resolver, entry.record, limits)
        onDone?.(++done, entry)
      }),
    )
    return
  }
  let next = 0
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++] as SpfEntry
      const tree = walkTree(entry.record.name, entry.spf, resolver, entry.record, limits)
      entry.tree = tree instanceof Promise ? await tree : tree
      onDone?.(++done, entry)
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, entries.length) }, worker))
}

/**
 * Each call resolves one turn of the event loop after the previous call's promise, while
 * `yielding()`: the work queued behind these runs one item per turn, with the sockets read in
 * between. Once nothing is left to read for, the rest runs at once.
 */
function turns(yielding: () => boolean): () => Promise<void> {
  let last = Promise.resolve()
  const next = () =>
    yielding() ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined
  return () => (last = last.then(next))
}

function parsedByText(entries: readonly SpfEntry[]): Map<string, SpfRecord> {
  const byText = new Map<string, SpfRecord>()
  for (let i = 0; i < entries.length; i++) {
    const { record, spf } = entries[i] as SpfEntry
    if (record.txt?.text === spf.text) byText.set(spf.text, spf)
  }
  return byText
}
