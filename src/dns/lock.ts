/**
 * The provider lock file, `spf-lint.lock.json`: the DNS answers of every third-party name an
 * include/redirect tree reached, pinned like a package lock. Runs without live DNS answer from
 * it (so lookup counts stay exact offline), and a live run can diff against it to see when a
 * provider changed the record you include (SPF603).
 *
 * The file is written deterministically (sorted keys, sorted records) so changes review well.
 */
import { writeFile } from 'node:fs/promises'
import { readFileBytes, type FileBytes } from '../sources/read-file.js'
import { VERSION } from '../version.js'
import { normalizeName } from './resolver.js'
import type { Answer, MxAnswer, RRType, RecordTypes, Resolver } from './resolver.js'

export const LOCK_FILE_NAME = 'spf-lint.lock.json'
export const LOCK_VERSION = 1

/** Record data as stored: TXT/SPF records as their character-strings. */
export interface LockedRecordTypes {
  TXT: string[]
  SPF: string[]
  A: string
  AAAA: string
  MX: MxAnswer
  PTR: string
  CNAME: string
}

/** Only definite answers are pinned; errors are transient and never locked. */
export type LockedAnswer<T> =
  { status: 'ok'; records: T[] } | { status: 'nxdomain' } | { status: 'nodata' }

export type LockEntry = { [T in RRType]?: LockedAnswer<LockedRecordTypes[T]> }

/** Name (lower case, no final dot) → answers per type. */
export type LockNames = Record<string, LockEntry>

export interface LockFile {
  lockVersion: typeof LOCK_VERSION
  tool: { name: 'spf-lint'; version: string }
  /** ISO 8601 time the answers were recorded. */
  generated: string
  names: LockNames
}

const TYPES: readonly RRType[] = ['TXT', 'SPF', 'A', 'AAAA', 'MX', 'PTR', 'CNAME']

export class LockFileError extends Error {
  override name = 'LockFileError'
}

// ---------------------------------------------------------------------------------------------
// Converting between resolver answers and locked answers

/** A resolver answer in locked form, records in canonical order; undefined if not lockable. */
export function toLockedAnswer<T extends RRType>(
  type: T,
  answer: Answer<RecordTypes[T]>,
): LockedAnswer<LockedRecordTypes[T]> | undefined {
  if (answer.status === 'nxdomain' || answer.status === 'nodata') return { status: answer.status }
  if (answer.status !== 'ok') return undefined
  const records = answer.records.map((r) => lockedRecord(type, r))
  return { status: 'ok', records: canonicalOrder(records) } as LockedAnswer<LockedRecordTypes[T]>
}

function lockedRecord(type: RRType, record: unknown): unknown {
  if (type === 'TXT' || type === 'SPF') return [...(record as RecordTypes['TXT']).strings]
  if (type === 'MX') {
    const mx = record as MxAnswer
    return { preference: mx.preference, exchange: normalizeName(mx.exchange) }
  }
  if (type === 'CNAME' || type === 'PTR') return normalizeName(record as string)
  return record
}

function fromLockedAnswer<T extends RRType>(
  type: T,
  locked: LockedAnswer<LockedRecordTypes[T]>,
): Answer<RecordTypes[T]> {
  if (locked.status !== 'ok') return { status: locked.status, origin: 'lock' }
  const records = locked.records.map((r) =>
    type === 'TXT' || type === 'SPF'
      ? { text: (r as string[]).join(''), strings: [...(r as string[])] }
      : typeof r === 'object'
        ? { ...(r as MxAnswer) }
        : r,
  )
  return { status: 'ok', records: records as RecordTypes[T][], origin: 'lock' }
}

/** Sort records by their JSON form: DNS gives no order, so only a canonical one diffs cleanly. */
function canonicalOrder<T>(records: T[]): T[] {
  const keyed = records.map((r) => [stableStringify(r), r] as const)
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return keyed.map(([, r]) => r)
}

// ---------------------------------------------------------------------------------------------
// Resolver layers

/** Answers from a lock file (origin `lock`); `unknown` for any (name, type) it does not hold. */
export class LockResolver implements Resolver {
  private readonly names: LockNames

  constructor(lock: LockFile | LockNames) {
    const names = isLockFile(lock) ? lock.names : lock
    this.names = Object.fromEntries(Object.entries(names).map(([n, e]) => [normalizeName(n), e]))
  }

  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    const entry = Object.hasOwn(this.names, normalizeName(name))
      ? this.names[normalizeName(name)]
      : undefined
    const locked = entry?.[type] as LockedAnswer<LockedRecordTypes[T]> | undefined
    if (!locked) return { status: 'unknown' }
    return fromLockedAnswer(type, locked)
  }
}

/**
 * Passes queries through and keeps every live answer for names outside the repository, ready
 * for `writeLock`. Errors and `unknown` are not kept: a lock pins answers, not failures.
 */
export class RecordingResolver implements Resolver {
  /** Answers as they came; put in locked form only when asked for, off the queries' path. */
  private readonly names = new Map<string, Map<RRType, Answer<unknown>>>()

  constructor(
    private readonly inner: Resolver,
    /** True for names the repository itself serves (they are linted, never locked). */
    private readonly isRepositoryName: (name: string) => boolean = () => false,
  ) {}

  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    const answer = await this.inner.resolve(name, type)
    const normal = normalizeName(name)
    const lockable = answer.status !== 'unknown' && answer.status !== 'error'
    if (lockable && answer.origin === 'live' && !this.isRepositoryName(normal)) {
      const entry = this.names.get(normal) ?? new Map<RRType, Answer<unknown>>()
      entry.set(type, answer)
      this.names.set(normal, entry)
    }
    return answer
  }

  /** Everything recorded so far, as the `names` of a lock file. */
  recorded(): LockNames {
    // fromEntries: names come from DNS data, and `__proto__` must stay a plain key.
    return Object.fromEntries(
      [...this.names].map(([name, answers]) => {
        const entry: Record<string, unknown> = {}
        for (const [type, answer] of answers) {
          entry[type] = toLockedAnswer(type, answer as Answer<RecordTypes[RRType]>)
        }
        return [name, entry as LockEntry]
      }),
    )
  }
}

/** A predicate for `RecordingResolver`: names at or below any of the repository's zone apexes. */
export function underZones(zones: Iterable<string>): (name: string) => boolean {
  const apexes = new Set([...zones].map(normalizeName))
  return (name) => {
    // The name, then each parent: one lookup per label, however many zones there are.
    for (let n = normalizeName(name); ; n = n.slice(n.indexOf('.') + 1)) {
      if (apexes.has(n)) return true
      if (!n.includes('.')) return false
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading and writing

/** JSON with object keys sorted at every level, two-space indent, final newline. */
export function stableStringify(value: unknown, indent = 0): string {
  return `${JSON.stringify(sortKeys(value), null, indent)}${indent ? '\n' : ''}`
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    )
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]))
  }
  return value
}

export function makeLock(
  names: LockNames,
  options: { toolVersion?: string; now?: Date } = {},
): LockFile {
  const canonical: LockNames = {}
  for (const [name, entry] of Object.entries(names)) {
    const out: LockEntry = {}
    for (const type of TYPES) {
      const locked = entry[type]
      if (!locked) continue
      ;(out as Record<string, unknown>)[type] =
        locked.status === 'ok'
          ? { status: 'ok', records: canonicalOrder([...locked.records]) }
          : { status: locked.status }
    }
    canonical[normalizeName(name)] = out
  }
  return {
    lockVersion: LOCK_VERSION,
    tool: { name: 'spf-lint', version: options.toolVersion ?? VERSION },
    generated: (options.now ?? new Date()).toISOString(),
    names: canonical,
  }
}

export function serializeLock(lock: LockFile): string {
  return stableStringify(lock, 2)
}

/** Parse and check a lock file's text; throws LockFileError naming what is wrong. */
export function parseLock(text: string, file = LOCK_FILE_NAME): LockFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new LockFileError(`${file}: not JSON: ${(error as Error).message}`)
  }
  const fail = (where: string, what: string): never => {
    throw new LockFileError(`${file}: ${where}: ${what}`)
  }
  if (!isObject(data)) return fail('document', 'expected an object')
  if (data.lockVersion !== LOCK_VERSION) {
    fail('lockVersion', `expected ${LOCK_VERSION}, found ${JSON.stringify(data.lockVersion)}`)
  }
  const tool = data.tool
  if (!isObject(tool) || tool.name !== 'spf-lint' || typeof tool.version !== 'string') {
    fail('tool', 'expected { "name": "spf-lint", "version": string }')
  }
  if (typeof data.generated !== 'string' || Number.isNaN(Date.parse(data.generated))) {
    fail('generated', 'expected an ISO 8601 time')
  }
  if (!isObject(data.names)) return fail('names', 'expected an object')
  const names: LockNames = {}
  for (const [name, entry] of Object.entries(data.names)) {
    if (!isObject(entry)) return fail(`names["${name}"]`, 'expected an object')
    for (const [type, answer] of Object.entries(entry)) {
      const where = `names["${name}"].${type}`
      if (!(TYPES as readonly string[]).includes(type)) fail(where, 'unknown record type')
      checkLockedAnswer(type as RRType, answer, (what) => fail(where, what))
    }
    names[normalizeName(name)] = entry as LockEntry
  }
  return { ...(data as unknown as LockFile), names }
}

function checkLockedAnswer(type: RRType, answer: unknown, fail: (what: string) => never): void {
  if (!isObject(answer)) fail('expected an object')
  const a = answer as Record<string, unknown>
  if (a.status === 'nxdomain' || a.status === 'nodata') return
  if (a.status !== 'ok') fail('status must be "ok", "nxdomain" or "nodata"')
  if (!Array.isArray(a.records)) fail('"records" must be an array')
  for (const record of a.records as unknown[]) {
    const valid =
      type === 'TXT' || type === 'SPF'
        ? Array.isArray(record) && record.every((s) => typeof s === 'string')
        : type === 'MX'
          ? isObject(record) &&
            Number.isInteger(record.preference) &&
            typeof record.exchange === 'string'
          : typeof record === 'string'
    if (!valid) fail(`malformed ${type} record ${JSON.stringify(record)}`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isLockFile(value: LockFile | LockNames): value is LockFile {
  return (value as LockFile).lockVersion === LOCK_VERSION && isObject((value as LockFile).names)
}

/** Lock files hold a few provider answers; anything near this size is not one. */
const MAX_LOCK_BYTES = 16 * 1024 * 1024

/**
 * The lock file at `path`, or undefined when there is none. Read at once, the way zone files
 * are (read-file.ts): no round trip to the thread pool before live DNS can start, a FIFO in
 * its place cannot hang the run, and a symbolic link is not followed out of the repository.
 */
export async function readLock(path: string): Promise<LockFile | undefined> {
  const read = readFileBytes(path, MAX_LOCK_BYTES)
  if (read.ok) return parseLock(read.bytes.toString('utf8'), path)
  if (read.problem === 'unopenable' && read.code === 'ENOENT') return undefined
  throw new Error(`cannot read the lock file ${path}: ${unreadableBecause(read)}`)
}

function unreadableBecause(read: Exclude<FileBytes, { ok: true }>): string {
  switch (read.problem) {
    case 'unopenable':
      return read.code === 'ELOOP' ? 'it is a symbolic link' : read.code
    case 'directory':
      return 'it is a directory'
    case 'not-regular':
      return 'it is not a regular file (FIFO, device or socket)'
    case 'too-large':
      return `${read.size} bytes; a lock file is at most ${MAX_LOCK_BYTES}`
    case 'grew':
      return 'it grew while it was read'
    case 'unreadable':
      return read.error.message
  }
}

/**
 * Write the recorded answers as a lock file. When the file already holds exactly these answers
 * it is left alone, so an unchanged run does not churn the timestamp in version control.
 */
export async function writeLock(
  path: string,
  names: LockNames,
  options: { toolVersion?: string; now?: Date } = {},
): Promise<{ lock: LockFile; written: boolean }> {
  const lock = makeLock(names, options)
  const existing = await readLock(path).catch(() => undefined)
  if (existing && stableStringify(existing.names) === stableStringify(lock.names)) {
    return { lock: existing, written: false }
  }
  await writeFile(path, serializeLock(lock), 'utf8')
  return { lock, written: true }
}

// ---------------------------------------------------------------------------------------------
// Diffing

/** One side of a change, in presentation form. */
export interface LockSide {
  /** `absent`: the lock did not hold this (name, type). */
  status: 'ok' | 'nxdomain' | 'nodata' | 'absent'
  /** TXT: the joined record texts (RFC 7208 §3.3); MX: `10 mx.example`; others as is. */
  records: string[]
}

export interface LockTypeDiff {
  type: RRType
  before: LockSide
  after: LockSide
  /** SPF terms (for TXT/SPF: of `v=spf1` records, version excluded) or records, added/removed. */
  addedTerms: string[]
  removedTerms: string[]
}

export interface LockNameDiff {
  name: string
  change: 'added' | 'removed' | 'changed'
  types: LockTypeDiff[]
}

/** What changed per name between two locks (or recordings): the data behind SPF603. */
export function diffLock(
  before: LockFile | LockNames,
  after: LockFile | LockNames,
): LockNameDiff[] {
  const a = normalized(isLockFile(before) ? before.names : before)
  const b = normalized(isLockFile(after) ? after.names : after)
  const diffs: LockNameDiff[] = []
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const old = a.get(name)
    const now = b.get(name)
    const types: LockTypeDiff[] = []
    for (const type of TYPES) {
      const x = old?.[type]
      const y = now?.[type]
      if (stableStringify(x ?? null) === stableStringify(y ?? null)) continue
      const beforeSide = side(type, x)
      const afterSide = side(type, y)
      const oldTerms = terms(type, beforeSide)
      const newTerms = terms(type, afterSide)
      types.push({
        type,
        before: beforeSide,
        after: afterSide,
        addedTerms: multisetMinus(newTerms, oldTerms),
        removedTerms: multisetMinus(oldTerms, newTerms),
      })
    }
    if (types.length === 0) continue
    diffs.push({ name, change: !old ? 'added' : !now ? 'removed' : 'changed', types })
  }
  return diffs
}

function normalized(names: LockNames): Map<string, LockEntry> {
  return new Map(Object.entries(names).map(([n, e]) => [normalizeName(n), e]))
}

function side(type: RRType, locked: LockedAnswer<unknown> | undefined): LockSide {
  if (!locked) return { status: 'absent', records: [] }
  if (locked.status !== 'ok') return { status: locked.status, records: [] }
  const records = locked.records.map((r) =>
    type === 'TXT' || type === 'SPF'
      ? (r as string[]).join('')
      : type === 'MX'
        ? `${(r as MxAnswer).preference} ${(r as MxAnswer).exchange}`
        : String(r),
  )
  return { status: 'ok', records }
}

function terms(type: RRType, s: LockSide): string[] {
  if (type !== 'TXT' && type !== 'SPF') return s.records
  // RFC 7208 §4.5: only records starting with "v=spf1" followed by a space or the end count.
  return s.records
    .filter((text) => /^v=spf1( |$)/i.test(text))
    .flatMap((text) => text.split(' ').slice(1).filter(Boolean))
}

function multisetMinus(from: string[], remove: string[]): string[] {
  const counts = new Map<string, number>()
  for (const t of remove) counts.set(t, (counts.get(t) ?? 0) + 1)
  const out: string[] = []
  for (const t of from) {
    const left = counts.get(t) ?? 0
    if (left > 0) counts.set(t, left - 1)
    else out.push(t)
  }
  return out
}
