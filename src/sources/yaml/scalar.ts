/**
 * Where each character of a YAML scalar's value comes from in the file.
 *
 * `yaml` gives a node's range but not where an individual character of a quoted, escaped or
 * folded value was written. SPF findings point at one term, so we decode the scalar's source
 * token again, keeping for every output character the offset of the source character that
 * produced it (the backslash of an escape, the line break of a fold).
 */
import type { Scalar } from 'yaml'

export interface MappedText {
  value: string
  /** `offsets[i]` is the file offset of the source of `value[i]`. */
  offsets: number[]
  /** Offset just after the source of the last character (before a closing quote). */
  end: number
}

interface FlowToken {
  type: 'scalar' | 'single-quoted-scalar' | 'double-quoted-scalar'
  offset: number
  source: string
}

interface BlockToken {
  type: 'block-scalar'
  offset: number
  indent: number
  source: string
  props: { type: string; offset: number; source: string }[]
}

/**
 * Decode a scalar with positions. `expected` is the value yaml produced for a string node;
 * when our decoding disagrees (an exotic construct), offsets fall back to the node's start
 * rather than being wrong.
 */
export function mapScalar(node: Scalar): MappedText | undefined {
  const token = node.srcToken as FlowToken | BlockToken | undefined
  if (!token || !node.range) return undefined
  let mapped: MappedText
  switch (token.type) {
    case 'scalar':
      mapped = decodeFlow(token.source, token.offset, 'plain')
      break
    case 'single-quoted-scalar':
      mapped = decodeFlow(token.source.slice(1, -1), token.offset + 1, 'single')
      break
    case 'double-quoted-scalar':
      mapped = decodeFlow(token.source.slice(1, -1), token.offset + 1, 'double')
      break
    case 'block-scalar':
      mapped = decodeBlock(token)
      break
    default:
      return undefined
  }
  if (typeof node.value === 'string' && mapped.value !== node.value) {
    return fallback(node.value, node.range[0], node.range[1])
  }
  return mapped
}

function fallback(value: string, start: number, end: number): MappedText {
  return { value, offsets: Array.from(value, () => start), end }
}

const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 }

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
}

/**
 * Plain, single- and double-quoted scalars: escapes, and line folding (a line break becomes a
 * space, or n empty lines become n newlines; whitespace around breaks is dropped).
 */
function decodeFlow(src: string, base: number, style: 'plain' | 'single' | 'double'): MappedText {
  const out: string[] = []
  const offsets: number[] = []
  // Output index from which the raw (unescaped) whitespace at the end of the line starts.
  let wsFrom = -1
  let end = base
  const push = (ch: string, at: number, raw: boolean): void => {
    if (raw && (ch === ' ' || ch === '\t')) {
      if (wsFrom < 0) wsFrom = out.length
    } else wsFrom = -1
    out.push(ch)
    offsets.push(at)
  }
  let i = 0
  while (i < src.length) {
    const ch = src[i] as string
    if (ch === '\r' || ch === '\n') {
      if (wsFrom >= 0) {
        out.length = wsFrom
        offsets.length = wsFrom
      }
      wsFrom = -1
      const breakAt = base + i
      i = skipBreak(src, i)
      const empty: number[] = []
      for (;;) {
        const j = skipSpaces(src, i)
        if (j < src.length && (src[j] === '\n' || src[j] === '\r')) {
          empty.push(base + j)
          i = skipBreak(src, j)
        } else {
          i = j
          break
        }
      }
      if (empty.length === 0) push(' ', breakAt, false)
      else for (const at of empty) push('\n', at, false)
      continue
    }
    if (style === 'single' && ch === "'" && src[i + 1] === "'") {
      push("'", base + i, false)
      i += 2
      end = base + i
      continue
    }
    if (style === 'double' && ch === '\\') {
      i = decodeEscape(src, i, base, push)
      end = base + i
      continue
    }
    push(ch, base + i, true)
    i++
    end = base + i
  }
  return { value: out.join(''), offsets, end }
}

function decodeEscape(
  src: string,
  i: number,
  base: number,
  push: (ch: string, at: number, raw: boolean) => void,
): number {
  const at = base + i
  const next = src[i + 1] ?? ''
  if (next === '\n' || next === '\r') {
    // An escaped line break joins the lines without a space.
    return skipSpaces(src, skipBreak(src, i + 1))
  }
  const hexLength = HEX_ESCAPE_LENGTH[next]
  if (hexLength) {
    const code = parseInt(src.slice(i + 2, i + 2 + hexLength), 16)
    for (const unit of String.fromCodePoint(code)) {
      // A character outside the BMP is two UTF-16 units; both come from the same escape.
      for (let k = 0; k < unit.length; k++) push(unit[k] as string, at, false)
    }
    return i + 2 + hexLength
  }
  push(SIMPLE_ESCAPES[next] ?? next, at, false)
  return i + 2
}

function skipBreak(src: string, i: number): number {
  if (src[i] === '\r' && src[i + 1] === '\n') return i + 2
  return i + 1
}

function skipSpaces(src: string, i: number): number {
  while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++
  return i
}

interface BlockLine {
  /** Offset of the first content character (after the indentation). */
  start: number
  text: string
  /** Offset of the line break ending the line, or -1 at the end of the scalar. */
  breakAt: number
  empty: boolean
}

/** `|` and `>` scalars, with indentation indicators and chomping. */
function decodeBlock(token: BlockToken): MappedText {
  const header = token.props.find((p) => p.type === 'block-scalar-header')?.source ?? '|'
  const folded = header.startsWith('>')
  const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip'
  const explicit = /[1-9]/.exec(header)
  const body = token.source
  const breakProp = token.props.filter((p) => p.type === 'newline').pop()
  const bodyStart = breakProp ? breakProp.offset + breakProp.source.length : token.offset
  const rawLines = splitLines(body, bodyStart)
  let indent = explicit ? token.indent + Number(explicit[0]) : -1
  if (indent < 0) {
    const first = rawLines.find((l) => l.text.trim() !== '')
    indent = first ? first.text.length - first.text.trimStart().length : 0
  }
  const lines: BlockLine[] = rawLines.map((l) => {
    const blank = l.text.trim() === '' && l.text.length <= indent
    const cut = blank ? l.text.length : indent
    return { start: l.start + cut, text: l.text.slice(cut), breakAt: l.breakAt, empty: blank }
  })
  let last = lines.length - 1
  while (last >= 0 && (lines[last] as BlockLine).empty) last--

  const out: string[] = []
  const offsets: number[] = []
  const push = (text: string, start: number): void => {
    for (let k = 0; k < text.length; k++) {
      out.push(text[k] as string)
      offsets.push(start + k)
    }
  }
  let end = bodyStart
  let pendingBreaks: number[] = []
  let previous: BlockLine | undefined
  for (let n = 0; n <= last; n++) {
    const line = lines[n] as BlockLine
    if (line.empty) {
      pendingBreaks.push(line.breakAt)
      continue
    }
    if (previous) {
      const moreIndented = /^[ \t]/.test(previous.text) || /^[ \t]/.test(line.text)
      if (folded && !moreIndented && pendingBreaks.length > 0) {
        for (const at of pendingBreaks) push('\n', at)
      } else if (folded && !moreIndented) push(' ', previous.breakAt)
      else for (const at of [previous.breakAt, ...pendingBreaks]) push('\n', at)
    } else for (const at of pendingBreaks) push('\n', at)
    pendingBreaks = []
    push(line.text, line.start)
    end = line.start + line.text.length
    previous = line
  }
  if (previous && previous.breakAt >= 0 && chomp !== 'strip') {
    push('\n', previous.breakAt)
    if (chomp === 'keep') {
      for (const line of lines.slice(last + 1)) if (line.breakAt >= 0) push('\n', line.breakAt)
    }
  }
  return { value: out.join(''), offsets, end }
}

function splitLines(
  body: string,
  base: number,
): { start: number; text: string; breakAt: number }[] {
  const lines: { start: number; text: string; breakAt: number }[] = []
  let i = 0
  while (i < body.length) {
    const nl = body.indexOf('\n', i)
    const stop = nl < 0 ? body.length : nl
    const textEnd = stop > i && body[stop - 1] === '\r' ? stop - 1 : stop
    lines.push({
      start: base + i,
      text: body.slice(i, textEnd),
      breakAt: nl < 0 ? -1 : base + textEnd,
    })
    i = stop + 1
  }
  return lines
}
