/**
 * The parsed form of one SPF record (RFC 7208 §4.6.1, §5, §6, §7.1). Every piece carries its
 * [start, end) span in the joined record text; `textLocation()` maps a span back to the file.
 * The engine knows nothing about files: these types are all it needs.
 */

export interface Span {
  start: number
  end: number
}

export type Qualifier = '+' | '-' | '~' | '?'

export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists'

/** One `%{...}`, `%%`, `%_` or `%-` in a macro-string (§7.1). */
export interface MacroExpand {
  /** `s l o d i p h v c r t` for `%{...}`; `%`, `_`, `-` for the escapes. */
  letter: string
  /** Number of right-hand parts to keep (`%{d2}`), when given. */
  digits?: number
  reverse: boolean
  /** Delimiter characters (`.-+,/_=`); empty means `.`. */
  delimiters: string
  /** True when the letter was written in upper case (URL-escape the expansion, §7.3). */
  urlEscape: boolean
  span: Span
}

/** A domain-spec or explain-string: text that may contain macros (§7.1). */
export interface MacroString {
  text: string
  span: Span
  /** Only the `%{...}` expansions (not `%%`, `%_`, `%-`). Empty when the text is literal. */
  macros: MacroExpand[]
}

export interface Mechanism {
  type: 'mechanism'
  span: Span
  /** The term exactly as written. */
  text: string
  qualifier: Qualifier
  /** False when no qualifier was written (it defaults to `+`). */
  qualifierExplicit: boolean
  /** Written right after the qualifier, in any letter case: `span.start` plus one if explicit. */
  name: MechanismName
  /** The target of `include`, `a`, `mx`, `ptr`, `exists`, when written. */
  domainSpec?: MacroString
  /** The address of `ip4` / `ip6`, as written. */
  ip?: string
  ipSpan?: Span
  /** ip4-cidr-length / ip6-cidr-length (`a/24//64`, `ip4:192.0.2.0/24`). */
  prefix4?: number
  prefix6?: number
  prefixSpan?: Span
}

export interface Modifier {
  type: 'modifier'
  span: Span
  text: string
  /** Lower-cased modifier name (`redirect`, `exp`, or any unknown one), written at `span.start`. */
  name: string
  value: MacroString
}

/** A term that is neither a known mechanism nor a well-formed modifier: a permerror. */
export interface UnknownTerm {
  type: 'unknown'
  span: Span
  text: string
}

export type Term = Mechanism | Modifier | UnknownTerm

/** Problem kinds, one per SPF1xx rule that reports them. */
export type SpfProblemKind =
  | 'unknown-mechanism'
  | 'invalid-separator'
  | 'invalid-ip'
  | 'invalid-domain-spec'
  | 'invalid-macro'
  | 'unexpected-argument'
  | 'duplicate-modifier'
  | 'unknown-modifier'
  | 'uppercase'
  | 'extra-whitespace'
  | 'host-bits-set'

export interface SpfProblem {
  kind: SpfProblemKind
  /** Quotes the offending text and says how to fix it. */
  message: string
  span: Span
  /** True when receivers treat this as a syntax error (permerror, §4.6). */
  permerror: boolean
}

export interface SpfRecord {
  /** The joined record text. */
  text: string
  /** The `v=spf1` version tag. */
  versionSpan: Span
  terms: Term[]
  problems: SpfProblem[]
  /** The first `redirect=` and `exp=` modifiers, when present. */
  redirect?: Modifier
  exp?: Modifier
  /** The first problem (by position) that makes the record a permerror (§4.6), if any. */
  syntaxError?: SpfProblem
}

/** Whether the record would be a permerror at any receiver because of its syntax. */
export function hasSyntaxError(record: SpfRecord): boolean {
  return record.syntaxError !== undefined
}

/**
 * RFC 7208 §4.5: a record is an SPF record when it is exactly `v=spf1` or begins with `v=spf1`
 * followed by a space (the version tag is case-insensitive).
 */
export function isSpfRecordText(text: string): boolean {
  // `/^v=spf1( |$)/i` by character codes: asked of every TXT record of every zone.
  if (text.length < 6 || (text.length > 6 && text.charCodeAt(6) !== 32)) return false
  return (
    (text.charCodeAt(0) | 0x20) === 118 &&
    text.charCodeAt(1) === 61 &&
    (text.charCodeAt(2) | 0x20) === 115 &&
    (text.charCodeAt(3) | 0x20) === 112 &&
    (text.charCodeAt(4) | 0x20) === 102 &&
    text.charCodeAt(5) === 49
  )
}

export type SpfResult =
  'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror'
