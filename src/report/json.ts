import type { Report } from './report.js'

/** Exactly one JSON document (schemas/report.schema.json). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/**
 * The same bytes as `formatJson`, written in pieces: one string of a large report (and its
 * copy for the write) would cost several times the report's size in memory. Arrays (and
 * iterables, read once) are printed element by element; everything else as one value.
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
          emit(`${first ? '[' : ','}\n    ${nested(item ?? null, IN_ARRAY)}`)
          first = false
        }
        emit(first ? '[]' : '\n  ]')
      } else emit(nested(value, IN_OBJECT))
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
