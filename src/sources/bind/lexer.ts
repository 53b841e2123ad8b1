/**
 * The master-file lexer, following BIND's `isc_lex` in master-file mode (RFC 1035 §5.1):
 * only `(`, `)` and `"` are special, `;` starts a comment outside quotes, a backslash escapes
 * the next character, parentheses (nested, as BIND counts them) turn line ends into spaces.
 *
 * It never allocates per token: the current token is a set of fields on the lexer, and escapes
 * are left in place for the consumer to decode (BIND does the same: `\DDD` means different
 * things in a name and in a character-string).
 */

export const Tok = {
  /** An unquoted run of characters. */
  Word: 0,
  /** A quoted character-string; `valueStart`/`valueEnd` exclude the quotes. */
  QString: 1,
  /** End of an entry: a line end outside parentheses. */
  Eol: 2,
  Eof: 3,
  /** A raw line end (or the end of the file) inside quotes. */
  UnbalancedQuotes: 4,
  /** A `)` without `(`, or the end of the file inside parentheses (see `atEnd`). */
  UnbalancedParens: 5,
} as const
export type Tok = (typeof Tok)[keyof typeof Tok]

const TAB = 9
const LF = 10
const CR = 13
const SPACE = 32
const QUOTE = 34
const OPEN = 40
const CLOSE = 41
const SEMI = 59
const BACKSLASH = 92

/** Characters that end an unquoted token (when not escaped). */
const ENDS_WORD = new Uint8Array(256)
for (const c of [TAB, LF, CR, SPACE, QUOTE, OPEN, CLOSE, SEMI]) ENDS_WORD[c] = 1

export interface CommentSink {
  (start: number, end: number): void
}

export class MasterLexer {
  pos = 0
  start = 0
  end = 0
  valueStart = 0
  valueEnd = 0
  /** Where the outermost open parenthesis is, while `depth > 0`. */
  parenOpenedAt = -1
  depth = 0
  /** Set with `UnbalancedParens`: the file ended inside parentheses (else a stray `)`). */
  unclosedAtEof = false
  /** Called once with the start of the next word or string (resolves next-line suppressions). */
  onNextToken: ((start: number) => void) | null = null
  /** Whether the last token returned was an end of entry (so EOF needs no extra EOL). */
  private atEntryStart = true

  constructor(
    readonly text: string,
    /** Called for comments that may be suppression comments (`; spf-lint-...`). */
    private readonly onComment?: CommentSink,
  ) {}

  /** The kind of the token last returned. */
  kind: Tok = Tok.Eol

  next(): Tok {
    return (this.kind = this.scan())
  }

  private scan(): Tok {
    const text = this.text
    const length = text.length
    let pos = this.pos
    for (;;) {
      if (pos >= length) {
        this.pos = pos
        this.start = this.end = pos
        if (this.depth > 0) {
          this.depth = 0
          this.unclosedAtEof = true
          this.atEntryStart = true
          return Tok.UnbalancedParens
        }
        if (!this.atEntryStart) {
          this.atEntryStart = true
          return Tok.Eol
        }
        return Tok.Eof
      }
      const c = text.charCodeAt(pos)
      if (c === SPACE || c === TAB || c === CR) {
        pos++
      } else if (c === LF) {
        pos++
        if (this.depth === 0) {
          this.pos = pos
          this.start = pos - 1
          this.end = pos
          this.atEntryStart = true
          return Tok.Eol
        }
      } else if (c === SEMI) {
        const lineEnd = text.indexOf('\n', pos)
        const end = lineEnd === -1 ? length : lineEnd
        if (this.onComment !== undefined && text.startsWith('spf-lint-', skipBlanks(text, pos + 1)))
          this.onComment(pos, end)
        pos = end
      } else if (c === OPEN) {
        if (this.depth === 0) this.parenOpenedAt = pos
        this.depth++
        pos++
      } else if (c === CLOSE) {
        if (this.depth === 0) {
          this.unclosedAtEof = false
          this.start = pos
          this.end = this.pos = pos + 1
          this.atEntryStart = false
          return Tok.UnbalancedParens
        }
        this.depth--
        pos++
      } else if (c === QUOTE) {
        return this.quoted(pos)
      } else {
        return this.word(pos)
      }
    }
  }

  private quoted(open: number): Tok {
    const text = this.text
    const length = text.length
    let pos = open + 1
    this.atEntryStart = false
    this.notify(open)
    this.start = open
    this.valueStart = pos
    while (pos < length) {
      const c = text.charCodeAt(pos)
      if (c === QUOTE) {
        this.valueEnd = pos
        this.end = this.pos = pos + 1
        return Tok.QString
      }
      // BIND: a raw newline ends the line, not the string; backslash-newline is data.
      if (c === LF) break
      pos += c === BACKSLASH ? 2 : 1
    }
    this.end = this.valueEnd = Math.min(pos, length)
    // Resume at the line end so the next token ends the broken entry.
    this.pos = Math.min(pos, length)
    return Tok.UnbalancedQuotes
  }

  private word(first: number): Tok {
    const text = this.text
    const length = text.length
    let pos = first
    while (pos < length) {
      const c = text.charCodeAt(pos)
      if (c === BACKSLASH) {
        // An escape protects anything but a line end (BIND ends the token there regardless).
        const n = pos + 1 < length ? text.charCodeAt(pos + 1) : LF
        pos += n === LF || n === CR ? 1 : 2
        continue
      }
      if (c < 256 && ENDS_WORD[c] === 1) break
      pos++
    }
    if (pos > length) pos = length
    this.atEntryStart = false
    this.notify(first)
    this.start = this.valueStart = first
    this.end = this.valueEnd = this.pos = pos
    return Tok.Word
  }

  private notify(start: number): void {
    if (this.onNextToken !== null) {
      const callback = this.onNextToken
      this.onNextToken = null
      callback(start)
    }
  }

  /**
   * Skip the rest of the current entry (through its end of line), for error recovery. Returns
   * the token that ended it; `UnbalancedParens` only for parentheses left open at the end.
   */
  skipEntry(): Tok {
    for (;;) {
      const t = this.next()
      if (t === Tok.Eol || t === Tok.Eof) return t
      if (t === Tok.UnbalancedParens && this.unclosedAtEof) return t
    }
  }

  /** Restart at the line after `offset` with no open parentheses. */
  restartAfterLineOf(offset: number): void {
    const lineEnd = this.text.indexOf('\n', offset)
    this.pos = lineEnd === -1 ? this.text.length : lineEnd + 1
    this.depth = 0
    this.atEntryStart = true
  }
}

function skipBlanks(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos)
    if (c !== SPACE && c !== TAB) break
    pos++
  }
  return pos
}
