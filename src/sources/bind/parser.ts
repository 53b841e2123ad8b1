/**
 * The master-file reader: entries (RFC 1035 §5.1) and directives, as BIND's `load_text()`
 * reads them, with every record located in its file. Pure: `$INCLUDE` goes through a reader
 * callback, so tests and benchmarks need no file system.
 */
import type { ZoneRecord } from '../../model/record.js'
import type { Location, SourceFile } from '../../model/source.js'
import type { SourceDiagnostic, SourceResult, Suppression } from '../types.js'
import { expand, MAX_GENERATE_ITERATIONS, parseRange, type Template } from './generate.js'
import { MasterLexer, Tok } from './lexer.js'
import { isInZone, isNameError, parseName, withoutTrailingDot } from './names.js'
import { readRdata } from './rdata.js'
import { BindRecord, RecordSource } from './record.js'
import { finishZone } from './rrsets.js'
import { RunTracker } from './runs.js'
import { parseSuppression } from './suppressions.js'
import { TokenBuffer } from './tokens.js'
import { limitTtl, parseTtl } from './ttl.js'
import {
  CLASS_IN,
  classCode,
  classCodeAt,
  isObsoleteType,
  TYPE_NS,
  TYPE_SOA,
  typeCode,
  typeCodeAt,
  typeName,
} from './types.js'

/** What an `$INCLUDE` asks for: the file name as written, and where it was written. */
export interface IncludeRequest {
  path: string
  from: SourceFile
  /** The file-name token. */
  location: Location
}

/** The included file, or why it may not be read (SPF403, SPF401). */
export type IncludeResult = { file: SourceFile } | { diagnostic: SourceDiagnostic }

export type IncludeReader = (request: IncludeRequest) => IncludeResult

export interface ParseOptions {
  /** The zone apex (`example.com` or `example.com.`); also the initial `$ORIGIN`. */
  origin: string
  /** Reads `$INCLUDE`d files; without it every `$INCLUDE` is an SPF403. */
  readInclude?: IncludeReader
  /** Deepest `$INCLUDE` nesting allowed (BIND has no limit; NSD stops at 10). */
  maxIncludeDepth?: number
  /** Most records `$GENERATE` may produce (`limits.maxGenerateRecords`). */
  maxGenerateRecords?: number
  /** Most records read from one zone, includes counted (`limits.maxRecordsPerFile`). */
  maxRecords?: number
  /** Most character-strings in one TXT record (`limits.maxTxtStrings`). */
  maxTxtStrings?: number
}

export const DEFAULT_MAX_INCLUDE_DEPTH = 16

/** Parse one master file (and what it includes) as zone `options.origin`. */
export function parseMasterFile(file: SourceFile, options: ParseOptions): SourceResult {
  const loader = new ZoneLoader(options)
  loader.load(file)
  return loader.finish()
}

interface FileState {
  file: SourceFile
  lexer: MasterLexer
  origin: string
  /** The current owner (absolute, canonical), reused by entries that start with a blank. */
  owner: string | null
  /** Offset of the physical line the next entry starts on. */
  lineStart: number
  /** Characters lexed again after unbalanced parentheses (bounded, so never quadratic). */
  rescanned: number
  /** Shared by the records read here; replaced when `$ORIGIN` changes the origin. */
  source: RecordSource
}

class ZoneLoader {
  private readonly zone: string
  private readonly zoneName: string
  private readonly records: ZoneRecord[] = []
  private overLimit = false
  private readonly diagnostics: SourceDiagnostic[] = []
  private readonly files: SourceFile[] = []
  private readonly suppressions: Suppression[] = []
  private readonly includeStack: string[] = []
  private readonly tokens = new TokenBuffer('')
  /** BIND's runs of records, for the TTL of each RRset (runs.ts, rrsets.ts). */
  private readonly runs = new RunTracker()
  /** The owner of the previous record, and what was derived from it (see `ownerChanged`). */
  private lastOwner = ''
  private lastLower = ''
  private lastName = ''
  private lastInZone = false
  /** `$TTL`, or -1 before one is seen. */
  private defaultTtl = -1
  /** The last TTL in force (RFC 1035 semantics when there is no `$TTL`), or -1. */
  private currentTtl = -1

  constructor(private readonly options: ParseOptions) {
    const origin = options.origin.endsWith('.') ? options.origin : options.origin + '.'
    this.zone = origin.toLowerCase()
    this.zoneName = withoutTrailingDot(this.zone)
  }

  finish(): SourceResult {
    this.runs.close()
    finishZone(this.records, this.runs.runs, this.diagnostics, this.zoneName)
    return {
      records: this.records,
      diagnostics: this.diagnostics,
      files: this.files,
      suppressions: this.suppressions,
    }
  }

  load(file: SourceFile, origin = this.zone, owner: string | null = null): void {
    if (!this.files.includes(file)) this.files.push(file)
    this.includeStack.push(file.absPath)
    const state: FileState = {
      file,
      lexer: new MasterLexer(file.text, (start, end) => this.comment(state, start, end)),
      origin,
      owner,
      lineStart: 0,
      rescanned: 0,
      source: new RecordSource(this.zoneName, file, origin),
    }
    if (file.text.startsWith('\xef\xbb\xbf')) {
      // BIND does not skip a UTF-8 BOM: it sticks to the first token and the file fails.
      this.error(file, 0, 3, 'UTF-8 byte-order mark at the start of the file; BIND rejects it')
      state.lexer.pos = state.lineStart = 3
    }
    try {
      this.entries(state)
    } finally {
      this.includeStack.pop()
    }
  }

  private entries(state: FileState): void {
    const { lexer, file } = state
    const text = file.text
    for (;;) {
      const t = lexer.next()
      if (t === Tok.Eof) return
      if (t === Tok.Eol) {
        state.lineStart = lexer.pos
        continue
      }
      if (t === Tok.UnbalancedQuotes || t === Tok.UnbalancedParens) {
        this.lexicalError(state, t)
      } else {
        const c = text.charCodeAt(state.lineStart)
        const blankOwner = c === 32 || c === 9
        if (!blankOwner && t === Tok.Word && text.charCodeAt(lexer.start) === 36 /* $ */) {
          this.directive(state)
        } else {
          this.entry(state, t, blankOwner)
        }
      }
      state.lineStart = lexer.pos
    }
  }

  /** Report a lexical error and move past it to the next entry. */
  private lexicalError(state: FileState, t: Tok): void {
    const { lexer, file } = state
    if (t === Tok.UnbalancedQuotes) {
      this.error(
        file,
        lexer.start,
        lexer.end,
        'unbalanced quotes: the string is not closed on its line',
      )
      // Give up the whole entry, parentheses included, and go on with the next line.
      lexer.depth = 0
      this.endEntry(state, lexer.skipEntry())
      return
    }
    this.endEntry(state, t)
    if (!lexer.unclosedAtEof) {
      this.error(file, lexer.start, lexer.end, 'unbalanced parentheses: ")" without "("')
      this.endEntry(state, lexer.skipEntry())
    }
  }

  /** After an entry ends with `t`: recover from parentheses left open at the end of the file. */
  private endEntry(state: FileState, t: Tok): void {
    const { lexer, file } = state
    if (t !== Tok.UnbalancedParens || !lexer.unclosedAtEof) return
    const open = lexer.parenOpenedAt
    this.error(file, open, open + 1, 'unbalanced parentheses: "(" is never closed')
    // Resume on the line after the "(" so one bad entry does not hide the rest of the file.
    const length = file.text.length
    if (state.rescanned <= 4 * length) {
      lexer.restartAfterLineOf(open)
      state.rescanned += length - lexer.pos
    }
  }

  /**
   * Collect the rest of the entry's tokens into `this.tokens` (with the current token first if
   * `keepCurrent`); false after a lexical error, which has been reported.
   */
  private collect(state: FileState, keepCurrent: boolean): boolean {
    const { lexer } = state
    const tokens = this.tokens
    tokens.reset(lexer.text, null)
    if (keepCurrent) tokens.push(lexer.kind, lexer.start, lexer.end)
    for (;;) {
      const t = lexer.next()
      if (t === Tok.Word || t === Tok.QString) tokens.push(t, lexer.start, lexer.end)
      else if (t === Tok.Eol || t === Tok.Eof) return true
      else {
        if (t === Tok.UnbalancedQuotes || !lexer.unclosedAtEof) this.lexicalError(state, t)
        else this.endEntry(state, t)
        return false
      }
    }
  }

  private entry(state: FileState, first: Tok, blankOwner: boolean): void {
    const { lexer, file } = state
    const entryStart = lexer.start
    const firstEnd = lexer.end
    let owner: string
    if (blankOwner) {
      if (state.owner === null) {
        this.error(
          file,
          entryStart,
          firstEnd,
          'no current owner name: this line starts with a blank',
        )
        this.endEntry(state, lexer.skipEntry())
        return
      }
      owner = state.owner
    } else {
      const quoted = first === Tok.QString
      const start = entryStart + (quoted ? 1 : 0)
      const end = firstEnd - (quoted ? 1 : 0)
      const parsed = parseName(file.text, start, end, state.origin)
      if (isNameError(parsed)) {
        this.error(file, entryStart, firstEnd, `bad owner name: ${parsed.error}`)
        this.endEntry(state, lexer.skipEntry())
        return
      }
      owner = parsed
      state.owner = owner
    }
    if (!this.collect(state, blankOwner)) return
    const tokens = this.tokens
    let at = 0
    let rrClass = -1
    let classAt = -1
    let ttl = -1
    // BIND reads class? TTL? class? and then the type: greedily (load_text in master.c).
    if (tokens.isWord(at) && (rrClass = this.classAt(at)) !== -1) classAt = at++
    if (tokens.isWord(at)) {
      ttl = parseTtl(tokens.text, tokens.starts[at] as number, tokens.ends[at] as number)
      if (ttl !== -1) at++
    }
    if (rrClass === -1 && tokens.isWord(at) && (rrClass = this.classAt(at)) !== -1) {
      classAt = at++
    }
    if (at >= tokens.count) {
      this.error(file, entryStart, lexer.start, 'unexpected end of line: no record type')
      return
    }
    const typeStart = tokens.starts[at] as number
    const typeEnd = tokens.ends[at] as number
    const type = tokens.kinds[at] === Tok.Word ? typeCodeAt(tokens.text, typeStart, typeEnd) : -1
    if (type < 0) {
      const typeText = tokens.word(at)
      const why = type === -2 ? 'a meta or query type, not allowed in zone data' : 'unknown RR type'
      const shown = tokens.kinds[at] === Tok.QString ? typeText : `"${typeText}"`
      this.error(file, typeStart, typeEnd, `${why} ${shown}`)
      return
    }
    if (isObsoleteType(type)) {
      this.error(file, typeStart, typeEnd, obsoleteTypeMessage(type))
      return
    }
    if (rrClass !== -1 && rrClass !== CLASS_IN) {
      const s = tokens.starts[classAt] as number
      const e = tokens.ends[classAt] as number
      this.error(file, s, e, `class "${tokens.word(classAt)}" does not match the zone's class IN`)
      return
    }
    this.addRecord(state, owner, type, ttl, at + 1, entryStart, typeStart, typeEnd)
  }

  private classAt(i: number): number {
    const tokens = this.tokens
    return classCodeAt(tokens.text, tokens.starts[i] as number, tokens.ends[i] as number)
  }

  /** Interpret `this.tokens` from `first` as RDATA and add the record. */
  private addRecord(
    state: FileState,
    owner: string,
    type: number,
    explicitTtl: number,
    first: number,
    entryStart: number,
    typeStart: number,
    typeEnd: number,
    rdataSpan?: [number, number],
  ): boolean {
    const { file } = state
    const tokens = this.tokens
    // Drop the tokens before the RDATA in place (no allocation per record).
    if (first > 0) tokens.dropFirst(first)
    const rdataTokens = tokens
    // Generated RDATA is not in the file, so its text cannot be built from the file later.
    const result = readRdata(type, rdataTokens, state.origin, tokens.map === null)
    if ('error' in result) {
      const t = result.token
      const [start, end] =
        t >= 0 && t < rdataTokens.count
          ? [
              tokens.offset(rdataTokens.starts[t] as number),
              tokens.offset(rdataTokens.ends[t] as number),
            ]
          : [typeStart, typeEnd]
      this.error(file, start, end, result.error)
      return false
    }
    let ttl = this.resolveTtl(type, explicitTtl, result.rdata)
    if (ttl < 0) {
      this.error(file, typeStart, typeEnd, 'no TTL specified: add $TTL or a TTL on this record')
      return false
    }
    const generated = rdataSpan !== undefined
    if (!generated) {
      const runTtl = this.runs.enter(owner, type, ttl)
      // BIND: "TTL set to prior TTL", which later entries without a TTL inherit too.
      if (runTtl !== ttl) ttl = this.currentTtl = runTtl
    }
    if (owner !== this.lastOwner) this.ownerChanged(owner)
    const lower = this.lastLower
    const name = this.lastName
    // BIND drops out-of-zone data with only a warning (its owner still ends the current run).
    // The record the author wrote then does not exist, so say so instead of dropping it quietly.
    if (!this.lastInZone) {
      if (generated) this.runs.generated(false)
      this.error(
        file,
        entryStart,
        typeEnd,
        `${name} is outside the zone ${withoutTrailingDot(this.zone)}; BIND ignores this record (check $ORIGIN, or a trailing dot on the owner)`,
      )
      return true
    }
    if (type === TYPE_SOA && lower !== this.zone) {
      this.error(file, entryStart, typeEnd, 'SOA record not at the top of the zone')
      return false
    }
    if (type === TYPE_NS && (name === '*' || name.startsWith('*.'))) {
      this.error(
        file,
        entryStart,
        typeEnd,
        `NS record at the wildcard name ${name}; BIND refuses it`,
      )
      return false
    }
    const last = rdataTokens.count - 1
    const rdataStart = rdataSpan
      ? rdataSpan[0]
      : last >= 0
        ? tokens.offset(rdataTokens.starts[0] as number)
        : typeEnd
    const rdataEnd = rdataSpan
      ? rdataSpan[1]
      : last >= 0
        ? tokens.offset(rdataTokens.ends[last] as number)
        : typeEnd
    const maxStrings = this.options.maxTxtStrings
    if (maxStrings !== undefined && result.txt && result.txt.strings.length > maxStrings) {
      this.error(
        file,
        rdataStart,
        rdataEnd,
        `TXT record of ${result.txt.strings.length} character-strings; at most ${maxStrings} (raise limits.maxTxtStrings)`,
      )
      return false
    }
    const maxRecords = this.options.maxRecords
    if (maxRecords !== undefined && this.records.length >= maxRecords) {
      // Reported once, at the first record past the limit; the rest of the zone is not kept.
      if (this.records.length === maxRecords && !this.overLimit) {
        this.overLimit = true
        this.error(
          file,
          entryStart,
          rdataEnd,
          `more than ${maxRecords} records in this zone; the rest are not read (raise limits.maxRecordsPerFile)`,
        )
      }
      return false
    }
    if (state.source.origin !== state.origin) {
      state.source = new RecordSource(this.zoneName, file, state.origin)
    }
    const data = result.txt ?? result.rdata
    const record = new BindRecord(
      state.source,
      name,
      typeName(type),
      ttl,
      data,
      entryStart,
      rdataStart,
      rdataEnd,
    )
    this.records.push(record)
    if (generated) this.runs.generated(true)
    else {
      this.runs.keep()
      if (type === TYPE_NS) this.runs.nameServer(record.rdata.toLowerCase())
    }
    return true
  }

  /**
   * Work out the record name of a new owner. Consecutive entries usually share their owner (the
   * same string when the owner field is blank), so this runs once per name, not per record.
   */
  private ownerChanged(owner: string): void {
    const lower = owner.toLowerCase()
    this.lastOwner = owner
    this.lastLower = lower
    this.lastInZone = isInZone(lower, this.zone)
    this.lastName = ownString(withoutTrailingDot(lower))
  }

  private resolveTtl(type: number, explicit: number, rdata: string): number {
    if (explicit >= 0) {
      this.currentTtl = limitTtl(explicit)
      return this.currentTtl
    }
    if (this.defaultTtl >= 0) return (this.currentTtl = this.defaultTtl)
    if (this.currentTtl >= 0) return this.currentTtl
    if (type === TYPE_SOA) {
      // BIND: no TTL anywhere yet, so the SOA MINIMUM becomes the default (with a warning).
      const minimum = limitTtl(Number(rdata.slice(rdata.lastIndexOf(' ') + 1)))
      this.defaultTtl = this.currentTtl = minimum
      return minimum
    }
    return -1
  }

  private comment(state: FileState, start: number, end: number): void {
    const parsed = parseSuppression(state.file, start, end)
    if (!parsed) return
    this.suppressions.push(parsed.suppression)
    if (parsed.nextLine) {
      const suppression = parsed.suppression
      const previous = state.lexer.onNextToken
      state.lexer.onNextToken = (tokenStart) => {
        previous?.(tokenStart)
        suppression.scope = { line: state.file.position(tokenStart).line }
      }
    }
  }

  private error(file: SourceFile, start: number, end: number, message: string): void {
    this.diagnostics.push({ code: 'SPF401', message, location: { file, start, end } })
  }

  // ---- directives ($ORIGIN, $TTL, $INCLUDE, $GENERATE, $DATE) ----

  private directive(state: FileState): void {
    const { lexer, file } = state
    const start = lexer.start
    const end = lexer.end
    const name = file.text.slice(start, end).toUpperCase()
    if (!this.collect(state, false)) return
    // The file ended on this line without a line end: BIND meets the end of the file where it
    // wants the end of the line, and refuses the zone ($INCLUDE aside).
    const unterminated = lexer.start === lexer.end
    const lastLine = (): void =>
      this.error(
        file,
        start,
        end,
        `${name} on the last line with no line end after it: BIND refuses the file ("extra input text"); end the file with a newline`,
      )
    const tokens = this.tokens
    const span = (i: number): [number, number] => [
      tokens.starts[i] as number,
      tokens.ends[i] as number,
    ]
    const extra = (n: number): boolean => {
      if (tokens.count <= n) return false
      const [s, e] = span(n)
      this.error(file, s, e, `extra input text after ${name}`)
      return true
    }
    const missing = (what: string): void => this.error(file, start, end, `${name} needs ${what}`)
    switch (name) {
      case '$ORIGIN': {
        if (tokens.count === 0) return missing('a domain name')
        if (extra(1)) return
        const [s, e] = this.valueSpan(0)
        const origin = parseName(file.text, s, e, state.origin)
        if (isNameError(origin)) return this.error(file, s, e, `bad $ORIGIN: ${origin.error}`)
        if (unterminated) return lastLine()
        state.origin = origin
        return
      }
      case '$TTL': {
        if (tokens.count === 0) return missing('a TTL')
        if (extra(1)) return
        const [s, e] = span(0)
        const ttl = parseTtl(file.text, s, e)
        if (ttl < 0 || tokens.kinds[0] !== Tok.Word) return this.error(file, s, e, 'bad TTL')
        if (unterminated) return lastLine()
        this.defaultTtl = limitTtl(ttl)
        return
      }
      case '$INCLUDE':
        if (tokens.count === 0) return missing('a file name')
        if (extra(2)) return
        return this.include(state)
      case '$GENERATE':
        return this.generate(state, start, unterminated ? lastLine : undefined)
      case '$DATE':
        if (unterminated) lastLine()
        return
      default:
        return this.error(file, start, end, `unknown $ directive "${file.text.slice(start, end)}"`)
    }
  }

  private valueSpan(i: number): [number, number] {
    const quoted = this.tokens.kinds[i] === Tok.QString
    const s = (this.tokens.starts[i] as number) + (quoted ? 1 : 0)
    const e = (this.tokens.ends[i] as number) - (quoted ? 1 : 0)
    return [s, e]
  }

  private include(state: FileState): void {
    const { file } = state
    const tokens = this.tokens
    const [s, e] = this.valueSpan(0)
    const location: Location = {
      file,
      start: tokens.starts[0] as number,
      end: tokens.ends[0] as number,
    }
    let origin = state.origin
    if (tokens.count > 1) {
      const [os, oe] = this.valueSpan(1)
      const parsed = parseName(file.text, os, oe, state.origin)
      if (isNameError(parsed))
        return this.error(file, os, oe, `bad $INCLUDE origin: ${parsed.error}`)
      origin = parsed
    }
    const path = file.text.slice(s, e).replace(/\\(.)/g, '$1')
    const depth = this.includeStack.length
    const maxDepth = this.options.maxIncludeDepth ?? DEFAULT_MAX_INCLUDE_DEPTH
    if (depth > maxDepth) {
      this.error(
        file,
        location.start,
        location.end,
        `$INCLUDE nested deeper than ${maxDepth} files`,
      )
      return
    }
    const reader = this.options.readInclude
    const result: IncludeResult = reader
      ? reader({ path, from: file, location })
      : {
          diagnostic: {
            code: 'SPF403',
            message: `$INCLUDE "${path}" cannot be read here`,
            location,
          },
        }
    if ('diagnostic' in result) {
      this.diagnostics.push(result.diagnostic)
      return
    }
    if (this.includeStack.includes(result.file.absPath)) {
      this.diagnostics.push({
        code: 'SPF403',
        message: `$INCLUDE "${path}" includes itself (an include cycle)`,
        location,
      })
      return
    }
    // BIND restores the origin and the current owner when the included file ends (ARM). It adds
    // what it has read to the zone before and after the file, so runs end there too.
    this.runs.close()
    this.load(result.file, origin, state.owner)
    this.runs.close()
  }

  /** `refused`: reports that BIND refuses the line once it is otherwise valid. */
  private generate(state: FileState, start: number, refused?: () => void): void {
    const { file } = state
    const tokens = this.tokens
    const text = file.text
    const word = (i: number): string =>
      text.slice(tokens.starts[i] as number, tokens.ends[i] as number)
    const fail = (i: number, message: string): void => {
      const t = Math.min(i, tokens.count - 1)
      if (t < 0) this.error(file, start, start + 9, message)
      else this.error(file, tokens.starts[t] as number, tokens.ends[t] as number, message)
    }
    if (tokens.count < 4) return fail(tokens.count, '$GENERATE needs range, owner, type and RDATA')
    const range = parseRange(word(0))
    if (!range) return fail(0, `invalid range "${word(0)}"`)
    let at = 2
    let rrClass = -1
    let ttl = -1
    if (tokens.kinds[at] === Tok.Word && (rrClass = classCode(word(at))) !== -1) at++
    if (at < tokens.count && tokens.kinds[at] === Tok.Word) {
      ttl = parseTtl(text, tokens.starts[at] as number, tokens.ends[at] as number)
      if (ttl !== -1) at++
    }
    if (rrClass === -1 && at < tokens.count && (rrClass = classCode(word(at))) !== -1) at++
    if (at + 1 >= tokens.count) return fail(at, '$GENERATE needs a type and RDATA')
    if (at + 2 < tokens.count) return fail(at + 2, 'extra input text after the $GENERATE RDATA')
    const type = typeCode(word(at))
    if (type < 0) return fail(at, `unknown RR type "${word(at)}"`)
    if (rrClass !== -1 && rrClass !== CLASS_IN) return fail(2, 'class does not match the zone')
    const lhs = this.template(1, false)
    const rhs = this.template(at + 1, true)
    const count = Math.floor((range.stop - range.start) / range.step) + 1
    const maxGenerate = this.options.maxGenerateRecords ?? MAX_GENERATE_ITERATIONS
    if (count > maxGenerate) {
      return fail(
        0,
        `$GENERATE range of ${count} records; at most ${maxGenerate} (raise limits.maxGenerateRecords)`,
      )
    }
    const typeStart = tokens.starts[at] as number
    const typeEnd = tokens.ends[at] as number
    const rhsSpan: [number, number] = [
      tokens.starts[at + 1] as number,
      tokens.ends[at + 1] as number,
    ]
    const lhsStart = tokens.starts[1] as number
    const lhsEnd = tokens.ends[1] as number
    if (refused) return refused()
    for (let i = range.start; i <= range.stop; i += range.step) {
      const owner = expand(lhs, i)
      const rdata = expand(rhs, i)
      if (typeof owner === 'string') return this.error(file, lhsStart, lhsEnd, owner)
      if (typeof rdata === 'string') return this.error(file, rhsSpan[0], rhsSpan[1], rdata)
      const name = parseName(owner.text, 0, owner.text.length, state.origin)
      if (isNameError(name))
        return this.error(file, lhsStart, lhsEnd, `bad owner name: ${name.error}`)
      if (!this.lexGenerated(rdata.text, rdata.map)) {
        return this.error(file, rhsSpan[0], rhsSpan[1], 'unbalanced quotes or parentheses in RDATA')
      }
      const ok = this.addRecord(state, name, type, ttl, 0, start, typeStart, typeEnd, rhsSpan)
      if (!ok) return
    }
  }

  /** A `$GENERATE` template from token `i`; a quoted rhs loses its quotes and `\"` becomes `"`. */
  private template(i: number, rhs: boolean): Template {
    const tokens = this.tokens
    const text = tokens.text
    const quoted = tokens.kinds[i] === Tok.QString
    const [s, e] = this.valueSpan(i)
    let out = ''
    const map: number[] = []
    for (let k = s; k < e; k++) {
      // BIND's lexer overwrites the backslash of `\"` inside quotes (lex.c): that is why a
      // quoted rhs is split into several strings when it is parsed again as RDATA.
      if (rhs && quoted && text.charAt(k) === '\\' && text.charAt(k + 1) === '"') {
        out += '"'
        map.push(k)
        k++
        continue
      }
      if (text.charAt(k) === '\\' && k + 1 < e) {
        out += text.charAt(k) + text.charAt(k + 1)
        map.push(k, k + 1)
        k++
        continue
      }
      out += text.charAt(k)
      map.push(k)
    }
    map.push(e)
    return { text: out, map: Int32Array.from(map) }
  }

  /** Lex generated RDATA into `this.tokens` (positions mapped back to the file). */
  private lexGenerated(text: string, map: Int32Array): boolean {
    const lexer = new MasterLexer(text)
    const tokens = this.tokens
    tokens.reset(text, map)
    for (;;) {
      const t = lexer.next()
      if (t === Tok.Word || t === Tok.QString) tokens.push(t, lexer.start, lexer.end)
      else if (t === Tok.Eol || t === Tok.Eof) return true
      else return false
    }
  }
}

function obsoleteTypeMessage(type: number): string {
  return `obsolete type ${typeName(type)}: use MX instead (RFC 1035 §3.3.4, §3.3.5); BIND refuses it`
}

/**
 * `name` in a string of its own. Every record keeps its owner name for the whole run, and in V8
 * a slice of 13 characters or more is a view that keeps the whole longer string alive (here the
 * name with its trailing dot): joining two halves and lower-casing the join (a no-op on these
 * lower-case names) makes one flat string instead, 40 bytes less per name.
 */
function ownString(name: string): string {
  if (name.length < 13) return name
  const half = name.length >> 1
  return (name.slice(0, half) + name.slice(half)).toLowerCase()
}
