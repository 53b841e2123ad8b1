import type { Resolver } from '../dns/resolver.js'
import type { SpfEntry } from '../rules/types.js'
import { walkRecord } from './walk.js'

/** Walk the lookup tree of every SPF record of the run, a few at a time. */
export async function walkAll(
  entries: SpfEntry[],
  resolver: Resolver,
  onDone?: (done: number) => void,
): Promise<void> {
  let done = 0
  let next = 0
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++] as SpfEntry
      entry.tree = await walkRecord(entry.record.name, entry.spf, resolver, entry.record)
      onDone?.(++done)
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, entries.length) }, worker))
}
