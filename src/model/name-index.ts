/**
 * Records grouped by owner name, as a read-only map from name to that name's records in file
 * order.
 *
 * A zone can hold a million records under half a million names. A `Map` with a list per name
 * costs about a microsecond per name to build and leaves half a million small lists that the
 * garbage collector copies while they are young; this is an open-addressing table over typed
 * arrays instead, with the records of a name chained by index. A name's list is made when it is
 * asked for: the resolver asks each name once (its answers are cached) and rules ask only the
 * names of SPF records.
 */
import type { ZoneRecord } from './record.js'

const EMPTY = -1

/** Indexes built, by the list they index: see `NameIndex.of`. */
const built = new WeakMap<readonly ZoneRecord[], NameIndex>()

export class NameIndex implements ReadonlyMap<string, readonly ZoneRecord[]> {
  /**
   * The index of `records`, made once per list: a run of one zone file indexes that file's
   * records when it checks the zone's RRsets, and the resolver and rules reuse it. A list that has
   * grown since (more files appended) is indexed again.
   */
  static of(records: readonly ZoneRecord[]): NameIndex {
    const known = built.get(records)
    if (known !== undefined && known.length === records.length) return known
    const index = new NameIndex(records)
    built.set(records, index)
    return index
  }

  /** The number of records indexed. */
  readonly length: number
  /** The number of distinct names. */
  readonly size: number
  /** Record i's successor among the records of its name, or -1. */
  private readonly next: Int32Array
  /** Whether record i is the first of its name (the names in order of first appearance). */
  private readonly first: Uint8Array
  /**
   * Two numbers per slot: the index of the first record of the name stored there (-1: free), and
   * that name's full hash, so that strings are compared only when hashes match. Side by side, as
   * a probe into a table of megabytes costs a cache miss per array it reads.
   */
  private readonly table: Int32Array
  private readonly mask: number

  constructor(private readonly records: readonly ZoneRecord[]) {
    const n = records.length
    const next = new Int32Array(n).fill(EMPTY)
    const tail = new Int32Array(n)
    const first = new Uint8Array(n)
    let capacity = 16
    while (capacity < n * 2) capacity *= 2
    const mask = capacity - 1
    const table = new Int32Array(capacity * 2).fill(EMPTY)
    let size = 0
    let previous: string | undefined
    let previousHead = EMPTY
    for (let i = 0; i < n; i++) {
      const name = (records[i] as ZoneRecord).name
      // Records of one owner are mostly consecutive and share one name string.
      if (name === previous) {
        next[tail[previousHead] as number] = i
        tail[previousHead] = i
        continue
      }
      previous = name
      const h = hashName(name)
      let slot = h & mask
      for (;;) {
        const head = table[2 * slot] as number
        if (head === EMPTY) {
          table[2 * slot] = i
          table[2 * slot + 1] = h
          first[i] = 1
          tail[i] = i
          previousHead = i
          size++
          break
        }
        if (table[2 * slot + 1] === h && (records[head] as ZoneRecord).name === name) {
          next[tail[head] as number] = i
          tail[head] = i
          previousHead = head
          break
        }
        slot = (slot + 1) & mask
      }
    }
    this.size = size
    this.length = n
    this.next = next
    this.first = first
    this.table = table
    this.mask = mask
  }

  /** The index of the first record of `name`, or -1. */
  private head(name: string): number {
    const h = hashName(name)
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const head = this.table[2 * slot] as number
      if (head === EMPTY) return EMPTY
      if (this.table[2 * slot + 1] === h && (this.records[head] as ZoneRecord).name === name) {
        return head
      }
    }
  }

  /** The records of the name whose first record is `head`, in file order. */
  private chain(head: number): ZoneRecord[] {
    const out: ZoneRecord[] = []
    for (let i = head; i !== EMPTY; i = this.next[i] as number)
      out.push(this.records[i] as ZoneRecord)
    return out
  }

  /** Whether record `i` shares its name with a later record. */
  hasMore(i: number): boolean {
    return this.next[i] !== EMPTY
  }

  /** Whether record `i` is the first of its name. */
  isFirst(i: number): boolean {
    return this.first[i] === 1
  }

  /** The index of the record after `i` with the same name, or -1. */
  nextOf(i: number): number {
    return this.next[i] as number
  }

  get(name: string): readonly ZoneRecord[] | undefined {
    const head = this.head(name)
    return head === EMPTY ? undefined : this.chain(head)
  }

  has(name: string): boolean {
    return this.head(name) !== EMPTY
  }

  forEach(
    callback: (
      records: readonly ZoneRecord[],
      name: string,
      map: ReadonlyMap<string, readonly ZoneRecord[]>,
    ) => void,
    thisArg?: unknown,
  ): void {
    for (let i = 0; i < this.records.length; i++) {
      if (this.first[i] === 1) {
        callback.call(thisArg, this.chain(i), (this.records[i] as ZoneRecord).name, this)
      }
    }
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.records.length; i++) {
      if (this.first[i] === 1) yield (this.records[i] as ZoneRecord).name
    }
  }

  *values(): MapIterator<readonly ZoneRecord[]> {
    for (let i = 0; i < this.records.length; i++) if (this.first[i] === 1) yield this.chain(i)
  }

  *entries(): MapIterator<[string, readonly ZoneRecord[]]> {
    for (let i = 0; i < this.records.length; i++) {
      if (this.first[i] === 1) yield [(this.records[i] as ZoneRecord).name, this.chain(i)]
    }
  }

  [Symbol.iterator](): MapIterator<[string, readonly ZoneRecord[]]> {
    return this.entries()
  }
}

/** FNV-1a over the name's characters, as a signed 32-bit number (as the table stores it). */
function hashName(text: string): number {
  let h = 0x811c9dc5 | 0
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}
