/**
 * A file being linted, and the map from character offsets to 1-based line and column.
 *
 * Zone files are decoded as latin1 so that one JS character is one byte: RFC 1035 text is
 * octets, `\DDD` escapes and the 255-octet limit count bytes, and invalid UTF-8 must not be
 * rewritten before we report on it. Columns are still reported in characters, as editors and
 * GitHub count them: for a `bytes` file, UTF-8 continuation bytes do not advance the column.
 */
export type SourceEncoding = 'bytes' | 'utf16'

export interface Position {
  line: number
  column: number
}

export class SourceFile {
  private lineStarts: number[] | undefined

  constructor(
    /** Path shown to users: relative to the working directory, `/`-separated. */
    readonly path: string,
    /** Absolute path on disk (never printed). */
    readonly absPath: string,
    readonly text: string,
    readonly encoding: SourceEncoding = 'utf16',
  ) {}

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0]
      const text = this.text
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
      this.lineStarts = starts
    }
    return this.lineStarts
  }

  /** 1-based line and column of a character offset (clamped to the file). */
  position(offset: number): Position {
    const starts = this.starts()
    const at = Math.max(0, Math.min(offset, this.text.length))
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] as number) <= at) lo = mid
      else hi = mid - 1
    }
    const lineStart = starts[lo] as number
    let column = at - lineStart + 1
    if (this.encoding === 'bytes') {
      for (let i = lineStart; i < at; i++) {
        if ((this.text.charCodeAt(i) & 0xc0) === 0x80) column--
      }
    }
    return { line: lo + 1, column }
  }

  get lineCount(): number {
    return this.starts().length
  }

  /** The text of a 1-based line without its line break, decoded for display. */
  lineText(line: number): string {
    const starts = this.starts()
    const start = starts[line - 1]
    if (start === undefined) return ''
    let end = starts[line] ?? this.text.length
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--
    const raw = this.text.slice(start, end)
    return this.encoding === 'bytes' ? Buffer.from(raw, 'latin1').toString('utf8') : raw
  }
}

/** A span of a source file, as character offsets: [start, end). */
export interface Location {
  file: SourceFile
  start: number
  end: number
}

export interface ResolvedLocation {
  file: string
  line: number
  column: number
  endLine: number
  /** Exclusive, 1-based. */
  endColumn: number
}

export function resolveLocation(location: Location): ResolvedLocation {
  const start = location.file.position(location.start)
  const end = location.file.position(Math.max(location.end, location.start))
  return {
    file: location.file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.line === start.line && end.column === start.column ? end.column + 1 : end.column,
  }
}

/**
 * Text taken from a `bytes` file holds UTF-8 as one character per byte. For messages, turn each
 * run that is valid UTF-8 back into its characters (`bÃ¼cher` -> `bücher`); anything else is
 * left alone, so a message's own characters (`§`) are never touched.
 */
export function decodeUtf8Runs(text: string): string {
  return text.replace(/[\xc2-\xf4][\x80-\xbf]+/g, (run) => {
    const decoded = Buffer.from(run, 'latin1').toString('utf8')
    return decoded.includes('\ufffd') ? run : decoded
  })
}
