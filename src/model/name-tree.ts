/**
 * A zone's names seen as a tree (RFC 4592): which names exist without records of their own
 * (empty non-terminals), and which wildcard answers for a name that does not exist. Names are
 * as records hold them: lower-case, absolute, without the trailing dot.
 */
import type { ZoneRecord } from './record.js'

export class NameTree {
  /** Every proper ancestor of an owner name: made on first use, as few lookups need it. */
  private ancestors: Set<string> | undefined

  constructor(private readonly byName: ReadonlyMap<string, readonly ZoneRecord[]>) {}

  /** The records at `name`, or, when it does not exist, those of the wildcard that answers. */
  recordsAt(name: string, zone: string): readonly ZoneRecord[] | undefined {
    return this.byName.get(name) ?? this.wildcardFor(name, zone)
  }

  /** RFC 4592 §3.3.1: `*.<closest encloser>` answers for a name that does not exist. */
  wildcardFor(name: string, zone: string): readonly ZoneRecord[] | undefined {
    if (this.isEmptyNonTerminal(name)) return undefined
    for (let encloser = parentName(name); encloser !== undefined; encloser = parentName(encloser)) {
      if (this.byName.has(encloser) || this.isEmptyNonTerminal(encloser) || encloser === zone) {
        return this.byName.get(`*.${encloser}`)
      }
    }
    return undefined
  }

  /** RFC 4592 §2.2.2: a name without records that has names below it. */
  isEmptyNonTerminal(name: string): boolean {
    if (!this.ancestors) {
      const set = new Set<string>()
      for (const owner of this.byName.keys()) {
        for (let p = parentName(owner); p !== undefined && !set.has(p); p = parentName(p)) {
          set.add(p)
        }
      }
      this.ancestors = set
    }
    return this.ancestors.has(name)
  }
}

/** The name one label up (`mail.example.com` → `example.com`), or undefined at the top. */
export function parentName(name: string): string | undefined {
  const dot = name.indexOf('.')
  return dot === -1 ? undefined : name.slice(dot + 1)
}
