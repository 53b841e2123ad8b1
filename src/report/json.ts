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
          emit(`${first ? '[' : ','}\n    ${indent(JSON.stringify(item ?? null, null, 2), 4)}`)
          first = false
        }
        emit(first ? '[]' : '\n  ]')
      } else emit(indent(JSON.stringify(value, null, 2), 2))
    })
    emit('\n}')
  }
  emit('\n')
  if (buffered) write(buffered)
}

/** JSON text never holds a raw line break inside a string: every one is layout. */
function indent(json: string, spaces: number): string {
  return json.includes('\n') ? json.replaceAll('\n', `\n${' '.repeat(spaces)}`) : json
}
