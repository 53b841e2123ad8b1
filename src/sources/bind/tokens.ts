/** A reusable, growable buffer of token spans (one per entry; no per-token objects). */
import { MasterLexer, Tok } from './lexer.js'
import type { RdataTokens } from './txt.js'

export class TokenBuffer implements RdataTokens {
  count = 0
  kinds = new Uint8Array(64)
  starts = new Int32Array(64)
  ends = new Int32Array(64)
  map: Int32Array | null = null

  constructor(public text: string) {}

  reset(text: string, map: Int32Array | null): void {
    this.text = text
    this.map = map
    this.count = 0
  }

  push(kind: number, start: number, end: number): void {
    if (this.count === this.kinds.length) {
      const size = this.count * 2
      const kinds = new Uint8Array(size)
      const starts = new Int32Array(size)
      const ends = new Int32Array(size)
      kinds.set(this.kinds)
      starts.set(this.starts)
      ends.set(this.ends)
      this.kinds = kinds
      this.starts = starts
      this.ends = ends
    }
    this.kinds[this.count] = kind
    this.starts[this.count] = start
    this.ends[this.count] = end
    this.count++
  }

  /** Remove the first `n` tokens, in place. */
  dropFirst(n: number): void {
    const count = this.count
    this.kinds.copyWithin(0, n, count)
    this.starts.copyWithin(0, n, count)
    this.ends.copyWithin(0, n, count)
    this.count = Math.max(0, count - n)
  }

  isWord(i: number): boolean {
    return i < this.count && this.kinds[i] === Tok.Word
  }

  word(i: number): string {
    return this.text.slice(this.starts[i] as number, this.ends[i] as number)
  }

  /** File offset of a text index (identity unless the text was generated). */
  offset(at: number): number {
    return this.map ? (this.map[Math.min(at, this.map.length - 1)] as number) : at
  }
}

const spanBuffer = new TokenBuffer('')

/**
 * The tokens of `text[start, end)`: a span lexed before as part of one entry, so a line end or
 * a `)` inside it belongs to parentheses opened earlier and is skipped. The buffer is shared:
 * valid until the next call.
 */
export function spanTokens(text: string, start: number, end: number): TokenBuffer {
  const tokens = spanBuffer
  tokens.reset(text, null)
  const lexer = new MasterLexer(text)
  lexer.pos = start
  for (;;) {
    const t = lexer.next()
    if (t === Tok.Eof || lexer.start >= end) return tokens
    if (t === Tok.Word || t === Tok.QString) tokens.push(t, lexer.start, lexer.end)
  }
}
