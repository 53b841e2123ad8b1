/**
 * BIND's `$GENERATE range lhs [ttl] [class] type rhs` (an extension, documented in the ARM as
 * "BIND Primary File Extension"; `genname()` and `generate()` in lib/dns/master.c).
 *
 * `$` is the iterator, `${offset[,width[,base]]}` formats it (`d o x X`, or `n`/`N` nibble
 * labels for reverse zones), `$$` is a literal `$`, and `\X` is copied with its backslash for
 * the name or RDATA parser to read. Every output character remembers the file offset of the
 * template character that produced it, so positions survive the expansion.
 */

export interface Template {
  text: string
  /** File offset of each character of `text`, and one more for its end. */
  map: Int32Array
}

export interface Expansion {
  text: string
  map: Int32Array
}

/** The most iterations one `$GENERATE` may run: a guard against `0-4294967295`. */
export const MAX_GENERATE_ITERATIONS = 1_000_000

export interface Range {
  start: number
  stop: number
  step: number
}

/** `start-stop[/step]` as BIND's `sscanf("%u-%u%1[/]%u")` reads it; null when invalid. */
export function parseRange(text: string): Range | null {
  const match = /^(\d+)-(\d+)(?:(\/)(\d+)?)?/.exec(text)
  if (!match) return null
  const start = Number(match[1])
  const stop = Number(match[2])
  if (match[3] !== undefined && match[4] === undefined) return null
  const step = match[4] === undefined ? 1 : Number(match[4])
  const max = 0x7fffffff
  if (start > max || stop > max || step > max || stop < start || step === 0) return null
  return { start, stop, step }
}

const HEX = '0123456789abcdef0123456789ABCDEF'

/** Expand one template for iteration `value`; a string is an error message. */
export function expand(template: Template, value: number): Expansion | string {
  const src = template.text
  let out = ''
  const map: number[] = []
  const emit = (chunk: string, offset: number): void => {
    out += chunk
    for (let k = 0; k < chunk.length; k++) map.push(offset)
  }
  let i = 0
  while (i < src.length) {
    const c = src[i] as string
    const offset = template.map[i] as number
    if (c === '$') {
      if (src[i + 1] === '$') {
        emit('$', offset)
        i += 2
        continue
      }
      i++
      let delta = 0
      let width = 0
      let base = 'd'
      if (src[i] === '{') {
        const spec = /^\{([+-]?\d+)(?:,(\d+)(?:,([doxXnN]))?)?\}/.exec(src.slice(i))
        if (!spec) return `bad \${offset,width,base} in "${src}"`
        delta = Number(spec[1])
        width = spec[2] === undefined ? 0 : Number(spec[2])
        base = spec[3] ?? 'd'
        i += spec[0].length
      }
      emit(formatIterator(value + delta, width, base), offset)
      continue
    }
    if (c === '\\' && i + 1 < src.length) {
      out += c + src[i + 1]
      map.push(offset, template.map[i + 1] as number)
      i += 2
      continue
    }
    emit(c, offset)
    i++
  }
  map.push(template.map[src.length] as number)
  return { text: out, map: Int32Array.from(map) }
}

function formatIterator(n: number, width: number, base: string): string {
  if (base === 'n' || base === 'N') return nibbles(n, width, base === 'n')
  let digits: string
  if (base === 'o') digits = (n >>> 0).toString(8)
  else if (base === 'x') digits = (n >>> 0).toString(16)
  else if (base === 'X') digits = (n >>> 0).toString(16).toUpperCase()
  else digits = String(n)
  if (digits.startsWith('-')) return '-' + digits.slice(1).padStart(width - 1, '0')
  return digits.padStart(width, '0')
}

/** Reverse nibble labels (`1.0.0.`), least significant first; width counts dots too. */
function nibbles(n: number, width: number, lower: boolean): string {
  let value = n >>> 0
  let left = width
  let out = ''
  do {
    out += HEX[(value & 0x0f) + (lower ? 0 : 16)]
    value >>>= 4
    if (left > 0) left--
    if (left > 0 || value !== 0) {
      out += '.'
      if (left > 0) left--
    }
  } while (value !== 0 || left > 0)
  return out
}
