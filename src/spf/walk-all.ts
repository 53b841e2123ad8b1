import type { Resolver } from '../dns/resolver.js'
import type { SpfEntry } from '../rules/types.js'
import type { SpfRecord } from './types.js'
import { defaultLimits, shareParsed, walkRecord, walkTree, type WalkLimits } from './walk.js'

export interface WalkAllOptions {
  /**
   * Walk every tree at once, each asking for all the answers a pass lacks together, so that a
   * slow (live) resolver is asked each (name, type) as early as possible and the run takes about
   * the depth of the deepest tree in round trips, not the sum of every query.
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
    await Promise.all(
      entries.map(async (entry) => {
        entry.tree = await walkRecord(
          entry.record.name,
          entry.spf,
          resolver,
          entry.record,
          parallel,
        )
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

function parsedByText(entries: readonly SpfEntry[]): Map<string, SpfRecord> {
  const byText = new Map<string, SpfRecord>()
  for (let i = 0; i < entries.length; i++) {
    const { record, spf } = entries[i] as SpfEntry
    if (record.txt?.text === spf.text) byText.set(spf.text, spf)
  }
  return byText
}
