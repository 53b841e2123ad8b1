/**
 * BIND's runs of records (`load_text()` in master.c), which decide the TTL of an RRset. BIND
 * gathers the records of consecutive entries of one owner into one list per type, where the
 * first TTL wins ("TTL set to prior TTL", which also becomes the TTL that later entries without
 * one inherit); it adds the lists to the zone when the owner changes, at an `$INCLUDE` and at
 * the end of the file. A new owner is compared case-sensitively, except that a name an NS
 * record of the run points at is glue: its records make a run of their own, and the run goes on
 * after them (`@ NS ns1`, `ns1 A ...`, `@ NS ns2` is one run of the apex). `$GENERATE` adds
 * each of its records at once. rrsets.ts then gives each RRset the TTL of the run added last
 * (verified with named-compilezone 9.18).
 */
import { IntList } from './int-list.js'

/** `runOf[i]` is record i's run, `committed[run]` the order in which runs were added. */
export interface Runs {
  runOf: IntList
  committed: IntList
}

/** The first TTL of each type in a run being read, in two lists reused from run to run. */
class RunTtls {
  private readonly types: number[] = []
  private readonly ttls: number[] = []
  private count = 0

  clear(): void {
    this.count = 0
  }

  /** The TTL a record of `type` gets in this run: the first one read for that type. */
  ttlOf(type: number, ttl: number): number {
    for (let k = 0; k < this.count; k++) if (this.types[k] === type) return this.ttls[k] as number
    this.types[this.count] = type
    this.ttls[this.count++] = ttl
    return ttl
  }
}

/** Runs are counted, not kept: a zone has about one per owner name. */
export class RunTracker {
  readonly runs: Runs = { runOf: new IntList(), committed: new IntList() }
  private commits = 0
  /** The open run (-1: none), its owner as written, and its TTLs. */
  private current = -1
  private currentOwner = ''
  private readonly currentTtls = new RunTtls()
  /** The glue run inside it (-1: none). */
  private glue = -1
  private glueOwner = ''
  private readonly glueTtls = new RunTtls()
  /** The targets of the open run's NS records (lower-case, absolute): the names of glue. */
  private readonly nsTargets = new Set<string>()

  /** A record of `owner` read from the file: join its run; the TTL BIND gives it. */
  enter(owner: string, type: number, ttl: number): number {
    if (this.glue !== -1 && owner !== this.glueOwner) this.closeGlue()
    if (this.glue === -1 && (this.current === -1 || owner !== this.currentOwner)) {
      if (this.nsTargets.size > 0 && this.nsTargets.has(owner.toLowerCase())) {
        this.glue = this.open()
        this.glueOwner = owner
        this.glueTtls.clear()
      } else {
        this.close()
        this.current = this.open()
        this.currentOwner = owner
        this.currentTtls.clear()
      }
    }
    return (this.glue !== -1 ? this.glueTtls : this.currentTtls).ttlOf(type, ttl)
  }

  /** The record last entered is kept (BIND drops out-of-zone ones when it adds the run). */
  keep(): void {
    this.runs.runOf.push(this.glue !== -1 ? this.glue : this.current)
  }

  /** The record last entered is an NS record naming `target` (lower-case, absolute). */
  nameServer(target: string): void {
    if (this.glue === -1) this.nsTargets.add(target)
  }

  /** A record of `$GENERATE`: a run of its own, added at once. */
  generated(kept: boolean): void {
    const { runOf, committed } = this.runs
    if (kept) runOf.push(committed.length)
    committed.push(this.commits++)
  }

  /** Add what has been read: at an `$INCLUDE`, and at the end of the zone. */
  close(): void {
    this.closeGlue()
    if (this.current !== -1) this.runs.committed.set(this.current, this.commits++)
    this.current = -1
    if (this.nsTargets.size > 0) this.nsTargets.clear()
  }

  private closeGlue(): void {
    if (this.glue !== -1) this.runs.committed.set(this.glue, this.commits++)
    this.glue = -1
  }

  private open(): number {
    this.runs.committed.push(-1)
    return this.runs.committed.length - 1
  }
}
