/** Walking YAML nodes: locations, aliases with a budget, merge keys, duplicate keys. */
import { isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { Document, Node, Pair, YAMLMap } from 'yaml'
import type { Location, SourceFile } from '../../model/source.js'

export type AnyNode = Node | null | undefined

export function nodeLocation(file: SourceFile, node: AnyNode, fallback = 0): Location {
  const range = node?.range
  if (!range) return { file, start: fallback, end: fallback }
  return { file, start: range[0], end: Math.max(range[1], range[0]) }
}

/** Thrown when a document uses more aliases than allowed (a "billion laughs" document). */
export class AliasLimitError extends Error {
  constructor(readonly node: Node) {
    super('too many YAML aliases (a resource exhaustion attack?); the file was not read')
  }
}

/** Follows aliases, counting them: a document may not resolve more than `max` of them. */
export class AliasBudget {
  private used = 0
  constructor(
    private readonly doc: Document,
    private readonly max = 100,
  ) {}

  deref(node: AnyNode): Node | null {
    let current: unknown = node ?? null
    while (isAlias(current)) {
      if (++this.used > this.max) throw new AliasLimitError(current)
      current = current.resolve(this.doc) ?? null
    }
    return (current as Node | null) ?? null
  }
}

export interface Entry {
  /** The key as written (a plain key's source text, a quoted key's value). */
  key: string
  keyNode: Node | null
  value: Node | null
  /** Came from a `<<` merge rather than being written in the mapping itself. */
  merged: boolean
}

export function keyText(key: unknown): string {
  if (isScalar(key)) {
    if (typeof key.value === 'symbol') return '<<'
    if (key.type === 'PLAIN' && typeof key.source === 'string') return key.source
    return key.value === null ? '' : String(key.value)
  }
  return ''
}

/** The entries of a mapping, with `<<` merges applied (keys written in the map win). */
export function mapEntries(map: YAMLMap, budget: AliasBudget): Entry[] {
  const own: Entry[] = []
  const merged: Entry[] = []
  for (const pair of map.items as Pair<unknown, unknown>[]) {
    const key = keyText(pair.key)
    if (isScalar(pair.key) && typeof pair.key.value === 'symbol') {
      const sources = budget.deref(pair.value as Node)
      const maps = isSeq(sources) ? sources.items.map((n) => budget.deref(n as Node)) : [sources]
      for (const source of maps) {
        if (isMap(source))
          merged.push(...mapEntries(source, budget).map((e) => ({ ...e, merged: true })))
      }
      continue
    }
    own.push({
      key,
      keyNode: (pair.key as Node) ?? null,
      value: (pair.value as Node) ?? null,
      merged: false,
    })
  }
  const written = new Set(own.map((e) => e.key))
  const seen = new Set<string>()
  const fromMerges = merged.filter((e) => {
    if (written.has(e.key) || seen.has(e.key)) return false
    seen.add(e.key)
    return true
  })
  return [...own, ...fromMerges]
}

/** Pairs of entries whose keys collide under `normalize`; the second is the one reported. */
export function duplicateKeys(
  entries: Entry[],
  normalize: (key: string) => string = (k) => k,
): { first: Entry; second: Entry }[] {
  const seen = new Map<string, Entry>()
  const found: { first: Entry; second: Entry }[] = []
  for (const entry of entries) {
    if (entry.merged) continue
    const id = normalize(entry.key)
    const first = seen.get(id)
    if (first) found.push({ first, second: entry })
    seen.set(id, entry)
  }
  return found
}

/** Entries keeping only the last of each normalised key, as PyYAML does. */
export function lastWins(entries: Entry[], normalize: (key: string) => string = (k) => k): Entry[] {
  const last = new Map<string, Entry>()
  for (const entry of entries) last.set(normalize(entry.key), entry)
  return entries.filter((e) => last.get(normalize(e.key)) === e)
}

export function isStringScalar(node: AnyNode): boolean {
  return isScalar(node) && typeof node.value === 'string'
}
