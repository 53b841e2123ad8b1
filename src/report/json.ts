import type { Report } from './report.js'

/** Exactly one JSON document (schemas/report.schema.json). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/**
 * The same bytes as `formatJson`, written in pieces: one string of a large report (and its
 * copy for the write) would cost several times the report's size in memory. Arrays (and
 * iterables, read once) are printed element by element; an element is printed as one value,
 * unless it is so large (a lookup tree of millions of nodes) that one string could not hold it.
 */
export function writeJson(report: object, write: (chunk: string) => void): void {
  let buffered = ''
  const emit = (text: string) => {
    buffered += text
    // Few large writes: each write to stdout is a system call.
    if (buffered.length >= 1 << 20) {
      write(buffered)
      buffered = ''
    }
  }
  const entries = Object.entries(report).filter(([, value]) => value !== undefined)
  if (entries.length === 0) emit('{}')
  else {
    emit('{')
    entries.forEach(([key, value], i) => {
      emit(`${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `)
      if (typeof value === 'object' && value !== null && Symbol.iterator in value) {
        let first = true
        for (const item of value as Iterable<unknown>) {
          emit(`${first ? '[' : ','}\n    `)
          if (isLarge(item)) streamJson(toJsonValue(item, ''), 2, emit)
          else emit(nested(item ?? null, IN_ARRAY))
          first = false
        }
        emit(first ? '[]' : '\n  ]')
      } else if (isLarge(value)) streamJson(toJsonValue(value, key), 1, emit)
      else emit(nested(value, IN_OBJECT))
    })
    emit('\n}')
  }
  emit('\n')
  if (buffered) write(buffered)
}

/** Where a value is printed: as a member of the top-level object, or an element of one. */
const IN_OBJECT = {
  open: '{\n  "k": '.length,
  close: '\n}'.length,
  wrap: (v: unknown) => ({ k: v }),
}
const IN_ARRAY = {
  open: '{\n  "k": [\n    '.length,
  close: '\n  ]\n}'.length,
  wrap: (v: unknown) => ({ k: [v] }),
}

/**
 * `value` as `JSON.stringify(report, null, 2)` prints it at that depth: printed inside a wrapper
 * of the same depth and cut out of it, rather than printed alone and indented by a copy (a
 * report's lookup trees can be hundreds of megabytes).
 */
function nested(value: unknown, at: typeof IN_OBJECT): string {
  const json = JSON.stringify(at.wrap(value), null, 2)
  return json.slice(at.open, json.length - at.close)
}

/** Objects and arrays beyond which a value is printed in pieces rather than as one string. */
const LARGE = 100_000

/** Whether `value` holds more than `LARGE` objects and arrays (counting stops there). */
function isLarge(value: unknown): boolean {
  let budget = LARGE
  const count = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') return false
    if (--budget < 0) return true
    for (const item of Array.isArray(v) ? v : Object.values(v)) if (count(item)) return true
    return false
  }
  return count(value)
}

/**
 * `value` as `JSON.stringify(value, null, 2)` prints it `depth` levels in, emitted in pieces:
 * the same rules (`toJSON`, members that print nothing left out, `null` in their place in
 * arrays, a cycle is a TypeError), with no string longer than one scalar.
 */
export function streamJson(
  value: unknown,
  depth: number,
  emit: (text: string) => void,
  ancestors = new Set<object>(),
): void {
  if (value === null || typeof value !== 'object' || isBoxed(value)) {
    emit(JSON.stringify(value) ?? 'null')
    return
  }
  if (ancestors.has(value)) throw new TypeError('Converting circular structure to JSON')
  ancestors.add(value)
  const inner = `\n${'  '.repeat(depth + 1)}`
  const close = `\n${'  '.repeat(depth)}`
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      emit(i === 0 ? `[${inner}` : `,${inner}`)
      const item = toJsonValue(value[i], String(i))
      if (printsNothing(item)) emit('null')
      else streamJson(item, depth + 1, emit, ancestors)
    }
    emit(value.length === 0 ? '[]' : `${close}]`)
  } else {
    let first = true
    for (const key of Object.keys(value)) {
      const item = toJsonValue((value as Record<string, unknown>)[key], key)
      if (printsNothing(item)) continue
      emit(`${first ? '{' : ','}${inner}${JSON.stringify(key)}: `)
      first = false
      streamJson(item, depth + 1, emit, ancestors)
    }
    emit(first ? '{}' : `${close}}`)
  }
  ancestors.delete(value)
}

function toJsonValue(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON
  return typeof toJSON === 'function'
    ? (toJSON as (key: string) => unknown).call(value, key)
    : value
}

function printsNothing(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

function isBoxed(value: object): boolean {
  return value instanceof Number || value instanceof String || value instanceof Boolean
}
