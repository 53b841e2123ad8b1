/**
 * A hand-written parser for one SPF record (RFC 7208 §4.5, §4.6.1, §5, §6, §7.1). Every term and
 * sub-part keeps its [start, end) span in the record text, and every problem is located at the
 * narrowest span that explains it, with a message that quotes the text and says how to fix it.
 *
 *   record   = version terms *SP
 *   terms    = *( 1*SP ( directive / modifier ) )
 *   directive = [ qualifier ] mechanism
 *   modifier = redirect / explanation / unknown-modifier
 *   unknown-modifier = name "=" macro-string
 *   name     = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
 */
import { hostBits4, hostBits6, parseIp4, parseIp6 } from './ip.js'
import { parseMacroString } from './macro.js'
import { suggestName } from './suggest.js'
import type {
  MacroExpand,
  MacroString,
  Mechanism,
  MechanismName,
  Modifier,
  Qualifier,
  SpfProblem,
  SpfProblemKind,
  SpfRecord,
  Span,
  Term,
} from './types.js'

const MECHANISMS: ReadonlySet<string> = new Set([
  'all',
  'include',
  'a',
  'mx',
  'ptr',
  'ip4',
  'ip6',
  'exists',
])

/** Characters other than SP that were used between terms: never legal (§4.6.1). */
function isHardSeparator(c: number): boolean {
  return c === 9 || c === 10 || c === 11 || c === 12 || c === 13
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function isAlnum(c: number): boolean {
  return isAlpha(c) || (c >= 48 && c <= 57)
}

/** `name` characters of a modifier (§4.6.1). */
function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 45 || c === 95 || c === 46
}

function isQualifier(c: number): boolean {
  return c === 43 || c === 45 || c === 126 || c === 63
}

// Character classes for the hot scans: one table lookup per character instead of nested tests.
const C_ALNUM = 1
const C_NAME = 2
const C_HARD = 4
const C_COMMA = 8
const CLASS = new Uint8Array(65536)
for (let c = 0; c < 128; c++) {
  if (isAlnum(c)) CLASS[c] = C_ALNUM | C_NAME
  else if (isNameChar(c)) CLASS[c] = C_NAME
  else if (isHardSeparator(c)) CLASS[c] = C_HARD
  else if (c === 44 || c === 59) CLASS[c] = C_COMMA
}

const SEPARATOR_NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\n': 'a line feed',
  '\r': 'a carriage return',
  '\v': 'a vertical tab',
  '\f': 'a form feed',
  ',': 'a comma',
  ';': 'a semicolon',
}

/**
 * Printable ASCII and SP only, without a comma or semicolon: what nearly every record is. (One
 * anchored match runs through the text once; a search for an unusual character restarts at
 * every position.)
 */
const PLAIN = /^[ !-+\--:<-~]*$/

class Parser {
  readonly problems: SpfProblem[] = []
  readonly terms: Term[] = []
  /**
   * Whether the record is printable ASCII and SP without a comma or semicolon, as nearly all are:
   * one native scan up front lets the per-term scans for separators and bad characters be skipped.
   */
  readonly clean: boolean
  /** Whether a `redirect=` or `exp=` was read: only then are the modifiers looked through. */
  hasRedirectOrExp = false
  /** The first "%" at or after `percentScan` (-1: none): the terms share one scan of the text. */
  private percent = -1
  private percentScan = Infinity

  constructor(readonly text: string) {
    this.clean = PLAIN.test(text)
  }

  problem(
    problems: SpfProblem[],
    kind: SpfProblemKind,
    start: number,
    end: number,
    message: string,
    permerror = true,
  ): void {
    const span: Span = { start, end }
    problems.push({ kind, span, message, permerror })
  }

  /** The first "%" at or after `from`, or -1. */
  percentFrom(from: number): number {
    if (from < this.percentScan || (this.percent >= 0 && this.percent < from)) {
      this.percentScan = from
      this.percent = this.text.indexOf('%', from)
    }
    return this.percent
  }

  /** Split the terms at SP (§4.6.1) and note repeated or trailing spaces (legal, §4.5). */
  run(from: number): void {
    const text = this.text
    const len = text.length
    let i = from
    while (i < len) {
      let j = i
      while (j < len && text.charCodeAt(j) === 32) j++
      if (j === len) {
        if (j > i) {
          this.problem(
            this.problems,
            'extra-whitespace',
            i,
            j,
            `trailing space${j - i > 1 ? 's' : ''} at the end of the record; remove ${j - i > 1 ? 'them' : 'it'}`,
            false,
          )
        }
        break
      }
      if (j - i > 1) {
        this.problem(
          this.problems,
          'extra-whitespace',
          i + 1,
          j,
          `${j - i} spaces before "${this.tokenAt(j)}"; one space separates terms`,
          false,
        )
      }
      let k: number
      if (this.clean) {
        k = text.indexOf(' ', j)
        if (k < 0) k = len
        this.piece(j, k, false)
      } else {
        k = j
        let seen = 0
        while (k < len) {
          const c = text.charCodeAt(k)
          if (c === 32) break
          seen |= CLASS[c] as number
          k++
        }
        if (seen & C_HARD) this.token(j, k)
        else this.piece(j, k, (seen & C_COMMA) !== 0)
      }
      i = k
    }
  }

  tokenAt(start: number): string {
    const end = this.text.indexOf(' ', start)
    return this.text.slice(start, end < 0 ? this.text.length : end)
  }

  /** One SP-delimited token: split it at control characters, which are never separators. */
  token(start: number, end: number): void {
    let from = start
    for (let i = start; i < end; i++) {
      if (!isHardSeparator(this.text.charCodeAt(i))) continue
      this.separator(i, i + 1, true)
      if (i > from) this.piece(from, i)
      from = i + 1
    }
    if (from < end) this.piece(from, end)
  }

  separator(start: number, end: number, permerror: boolean, glued?: string): void {
    const ch = this.text[start] as string
    const what = SEPARATOR_NAMES[ch]
    // Quote the whole space-delimited token the separator sits in: that is what the author wrote.
    const from = this.text.lastIndexOf(' ', start - 1) + 1
    const next = this.text.indexOf(' ', end)
    const to = next < 0 ? this.text.length : next
    const around = `"${this.text.slice(from, to).replace(/[\t\n\r\v\f]/g, ' ')}"`
    let message: string
    if (glued !== undefined) {
      message = `"${glued}" is glued to the term before it in ${around}; put a space before "${glued}"`
    } else if (what) {
      message = `terms separated by ${what} (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) in ${around}; separate terms with spaces only (RFC 7208 §4.6.1)`
    } else {
      message = `unexpected separator in ${around}; separate terms with spaces only (RFC 7208 §4.6.1)`
    }
    if (!permerror) {
      message += '; receivers read both sides as one term'
    }
    this.problem(this.problems, 'invalid-separator', start, end, message, permerror)
  }

  /**
   * A piece that should be one term. When it does not parse, look for a comma or a glued term.
   * `commas` false says the piece holds no comma or semicolon (the caller has looked).
   */
  piece(start: number, end: number, commas = true): void {
    const first = this.text.charCodeAt(start)
    if (first === 44 || first === 59) {
      // A stray comma or semicolon before a term, or standing alone between spaces.
      this.separator(start, start + 1, true)
      if (start + 1 < end) this.piece(start + 1, end)
      return
    }
    // The term's problems go straight into the list: marked, so they can be dropped again when
    // the piece turns out to be two terms.
    const problems = this.problems
    const mark = problems.length
    const term = parseTerm(this, start, end, problems)
    if (hasPermerror(problems, mark)) {
      const split = this.findSplit(start, end)
      if (split) {
        problems.length = mark
        this.piece(start, split.sepStart)
        if (split.sepEnd > split.sepStart) this.separator(split.sepStart, split.sepEnd, true)
        else
          this.separator(split.sepStart, split.sepStart + 1, true, this.text.slice(split.next, end))
        if (split.next < end) this.piece(split.next, end)
        return
      }
    } else if (commas) {
      const soft = this.findSoftComma(start, end)
      if (soft >= 0) {
        // The separator is reported before the term's own problems.
        const own = problems.splice(mark)
        this.separator(soft, soft + 1, false)
        for (const p of own) problems.push(p)
      }
    }
    this.terms.push(term)
  }

  /** A comma or semicolon (outside `%{...}`), or a position where a second term starts. */
  findSplit(start: number, end: number): { sepStart: number; sepEnd: number; next: number } | null {
    const text = this.text
    let inMacro = false
    for (let p = start + 1; p < end; p++) {
      const c = text.charCodeAt(p)
      if (inMacro) {
        if (c === 125) inMacro = false
        continue
      }
      if (c === 37 && text.charCodeAt(p + 1) === 123) {
        inMacro = true
        continue
      }
      if (c === 44 || c === 59) return { sepStart: p, sepEnd: p + 1, next: p + 1 }
      if (this.startsTerm(p, end)) {
        const scratch: SpfProblem[] = []
        parseTerm(this, start, p, scratch)
        if (!hasPermerror(scratch, 0)) return { sepStart: p, sepEnd: p, next: p }
      }
    }
    return null
  }

  /** In a valid term, a comma or semicolon followed by something that reads as a term. */
  findSoftComma(start: number, end: number): number {
    const text = this.text
    for (let p = start + 1; p < end - 1; p++) {
      const c = text.charCodeAt(p)
      if ((c === 44 || c === 59) && this.startsTerm(p + 1, end)) return p
    }
    return -1
  }

  /** Whether a mechanism or known modifier plausibly starts at `p` (used to find glued terms). */
  startsTerm(p: number, end: number): boolean {
    const text = this.text
    let i = p
    const qualified = isQualifier(text.charCodeAt(i))
    if (qualified) i++
    let n = i
    while (n < end && isAlnum(text.charCodeAt(n))) n++
    const name = text.slice(i, n).toLowerCase()
    const after = n < end ? text[n] : ''
    if (name === 'redirect' || name === 'exp') return after === '=' && !qualified
    if (!MECHANISMS.has(name)) return false
    if (!qualified && name.length < 3) return false
    return after === '' || after === ':' || after === '/'
  }
}

function isPermerror(problem: SpfProblem): boolean {
  return problem.permerror
}

function hasPermerror(problems: SpfProblem[], from: number): boolean {
  for (let k = from; k < problems.length; k++)
    if ((problems[k] as SpfProblem).permerror) return true
  return false
}

/** Whether [start, end) equals the lower-case ASCII `name`, in any letter case. */
function matchesName(text: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false
  for (let k = 0; k < name.length; k++) {
    if ((text.charCodeAt(start + k) | 0x20) !== name.charCodeAt(k)) return false
  }
  return true
}

/** The mechanism named by [start, end) (alphanumerics only), lower-cased, or undefined. */
function mechanismAt(text: string, start: number, end: number): MechanismName | undefined {
  switch (end - start) {
    case 1:
      return (text.charCodeAt(start) | 0x20) === 97 ? 'a' : undefined
    case 2:
      return matchesName(text, start, end, 'mx') ? 'mx' : undefined
    case 3:
      switch (text.charCodeAt(start) | 0x20) {
        case 97:
          return matchesName(text, start, end, 'all') ? 'all' : undefined
        case 105:
          if (matchesName(text, start, end, 'ip4')) return 'ip4'
          return matchesName(text, start, end, 'ip6') ? 'ip6' : undefined
        case 112:
          return matchesName(text, start, end, 'ptr') ? 'ptr' : undefined
      }
      return undefined
    case 6:
      return matchesName(text, start, end, 'exists') ? 'exists' : undefined
    case 7:
      return matchesName(text, start, end, 'include') ? 'include' : undefined
  }
  return undefined
}

function hasUpper(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c >= 65 && c <= 90) return true
  }
  return false
}

/** Parse one term at [start, end) (no spaces inside). */
function parseTerm(parser: Parser, start: number, end: number, problems: SpfProblem[]): Term {
  const text = parser.text
  const qualifierExplicit = isQualifier(text.charCodeAt(start))
  const i = qualifierExplicit ? start + 1 : start
  const name = plainMechanismAt(text, i, end)
  if (name === undefined) return parseOtherTerm(parser, start, end, i, qualifierExplicit, problems)
  return mechanismTerm(parser, start, end, i + name.length, name, qualifierExplicit, problems)
}

/**
 * The mechanism whose lower-case name starts at `i` and is followed by ":", "/" or the end of
 * the term, as nearly every term is written; undefined for anything else, which
 * `parseOtherTerm()` reads (modifiers, upper case, unknown names, stray characters).
 */
function plainMechanismAt(text: string, i: number, end: number): MechanismName | undefined {
  let name: MechanismName
  // Short names are compared by character code, only within the term: a name that would run
  // past its end is no match anyway.
  const room = end - i
  switch (text.charCodeAt(i)) {
    case 105: // i
      if (room >= 3 && text.charCodeAt(i + 1) === 112) {
        const version = text.charCodeAt(i + 2)
        if (version === 52) name = 'ip4'
        else if (version === 54) name = 'ip6'
        else return undefined
      } else if (text.startsWith('include', i)) name = 'include'
      else return undefined
      break
    case 97: // a
      name =
        room >= 3 && text.charCodeAt(i + 1) === 108 && text.charCodeAt(i + 2) === 108 ? 'all' : 'a'
      break
    case 109: // m
      if (room < 2 || text.charCodeAt(i + 1) !== 120) return undefined
      name = 'mx'
      break
    case 112: // p
      if (room < 3 || text.charCodeAt(i + 1) !== 116 || text.charCodeAt(i + 2) !== 114) {
        return undefined
      }
      name = 'ptr'
      break
    case 101: // e
      if (!text.startsWith('exists', i)) return undefined
      name = 'exists'
      break
    default:
      return undefined
  }
  const after = i + name.length
  if (after === end) return name
  if (after > end) return undefined
  const c = text.charCodeAt(after)
  return c === 58 || c === 47 ? name : undefined
}

/** A term that is not a plain lower-case mechanism: a modifier, or a mechanism read slowly. */
function parseOtherTerm(
  parser: Parser,
  start: number,
  end: number,
  i: number,
  qualifierExplicit: boolean,
  problems: SpfProblem[],
): Term {
  const text = parser.text
  // A modifier is `name "="`; the name must start with a letter (§4.6.1, §6).
  let n = i
  while (n < end && (CLASS[text.charCodeAt(n)] as number) & C_NAME) n++
  if (n < end && text.charCodeAt(n) === 61) {
    const span: Span = { start, end }
    const termText = text.slice(start, end)
    return parseModifier(parser, termText, span, start, i, n, qualifierExplicit, problems)
  }

  let m = i
  while (m < end && (CLASS[text.charCodeAt(m)] as number) & C_ALNUM) m++
  const name = mechanismAt(text, i, m)
  if (name === undefined) {
    const termText = text.slice(start, end)
    const written = text.slice(i, m)
    const hint = suggestName(written, text.slice(m, end))
    const at = written === '' ? { s: start, e: end } : { s: i, e: m }
    parser.problem(
      problems,
      'unknown-mechanism',
      at.s,
      at.e,
      written === ''
        ? `invalid term "${termText}": expected a mechanism or a modifier`
        : `unknown mechanism "${termText}"${hint ? `; did you mean "${hint}"?` : ''}`,
    )
    return { type: 'unknown', span: { start, end }, text: termText }
  }
  if (hasUpper(text, i, m)) {
    parser.problem(
      problems,
      'uppercase',
      i,
      m,
      `mechanism name "${text.slice(i, m)}" in upper case in "${text.slice(start, end)}"; write "${name}" (legal, but some receivers reject it)`,
      false,
    )
  }
  return mechanismTerm(parser, start, end, m, name, qualifierExplicit, problems)
}

/** The mechanism `name` in [start, end), its name ending at `m` and its arguments after it. */
function mechanismTerm(
  parser: Parser,
  start: number,
  end: number,
  m: number,
  name: MechanismName,
  qualifierExplicit: boolean,
  problems: SpfProblem[],
): Mechanism {
  // The span is made before the term: a literal nested in a literal is slower to create.
  const span: Span = { start, end }
  const mech: Mechanism = {
    type: 'mechanism',
    span,
    text: parser.text.slice(start, end),
    qualifier: qualifierExplicit ? (parser.text[start] as Qualifier) : '+',
    qualifierExplicit,
    name,
  }
  parseMechanismArgs(parser, mech, m, end, problems)
  return mech
}

function parseModifier(
  parser: Parser,
  termText: string,
  span: Span,
  start: number,
  i: number,
  eq: number,
  qualified: boolean,
  problems: SpfProblem[],
): Term {
  const text = parser.text
  const end = span.end
  if (qualified) {
    parser.problem(
      problems,
      'unknown-mechanism',
      start,
      start + 1,
      `invalid term "${termText}": a modifier takes no qualifier; remove "${text[start]}"`,
    )
    return { type: 'unknown', span, text: termText }
  }
  if (eq === i || !isAlpha(text.charCodeAt(i))) {
    parser.problem(
      problems,
      'unknown-mechanism',
      i,
      eq + 1,
      eq === i
        ? `invalid term "${termText}": "=" without a modifier name`
        : `invalid modifier name "${text.slice(i, eq)}" in "${termText}": a modifier name must start with a letter`,
    )
    return { type: 'unknown', span, text: termText }
  }
  let name: string
  let value: MacroString
  if (matchesName(text, i, eq, 'redirect') || matchesName(text, i, eq, 'exp')) {
    parser.hasRedirectOrExp = true
    name = eq - i === 3 ? 'exp' : 'redirect'
    value = parseDomainSpec(parser, termText, eq + 1, end, problems, name, false)
  } else {
    const written = text.slice(i, eq)
    name = written.toLowerCase()
    // unknown-modifier = name "=" macro-string (§6): ignored, but its macros must be valid.
    const parsed = parseMacroString(text, eq + 1, end, problems, true, termText)
    value = parsed.value
    if (parsed.badChar >= 0) {
      parser.problem(
        problems,
        'invalid-macro',
        parsed.badChar,
        parsed.badChar + 1,
        `invalid character ${charName(text, parsed.badChar)} in "${termText}"`,
      )
    }
    const hint = suggestName(written, '=')
    parser.problem(
      problems,
      'unknown-modifier',
      i,
      eq + 1,
      MECHANISMS.has(name)
        ? `unknown modifier "${termText}"; did you mean "${name}:${text.slice(eq + 1, end)}"? receivers ignore this term (RFC 7208 §6)`
        : hint
          ? `unknown modifier "${termText}"; did you mean "${hint}"? receivers ignore this term (RFC 7208 §6)`
          : `unknown modifier "${termText}" is ignored by receivers (RFC 7208 §6); remove it unless a tool needs it`,
      false,
    )
  }
  const mod: Modifier = { type: 'modifier', span, text: termText, name, value }
  return mod
}

function charName(text: string, at: number): string {
  const code = text.charCodeAt(at)
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * The dual-cidr-length at the end of [from, end): the longest suffix of the form
 * `[ "/" 1*DIGIT ] [ "//" 1*DIGIT ]` (what `/(?:\/(\d+))?(?:\/\/(\d+))?$/` finds), as positions.
 * `start === end` when there is none. A length's digits are [s4, e4) and [s6, e6), -1 if absent.
 */
interface CidrSuffix {
  start: number
  s4: number
  e4: number
  s6: number
  e6: number
}

function cidrSuffix(text: string, from: number, end: number): CidrSuffix {
  const out: CidrSuffix = { start: end, s4: -1, e4: -1, s6: -1, e6: -1 }
  let d = end
  while (d > from && isDigit(text.charCodeAt(d - 1))) d--
  if (d === end || d - 1 < from || text.charCodeAt(d - 1) !== 47) return out
  if (d - 2 >= from && text.charCodeAt(d - 2) === 47) {
    out.start = d - 2
    out.s6 = d
    out.e6 = end
    const e4 = d - 2
    let d4 = e4
    while (d4 > from && isDigit(text.charCodeAt(d4 - 1))) d4--
    if (d4 < e4 && d4 - 1 >= from && text.charCodeAt(d4 - 1) === 47) {
      out.start = d4 - 1
      out.s4 = d4
      out.e4 = e4
    }
  } else {
    out.start = d - 1
    out.s4 = d
    out.e4 = end
  }
  return out
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function parseMechanismArgs(
  parser: Parser,
  mech: Mechanism,
  from: number,
  end: number,
  problems: SpfProblem[],
): void {
  const text = parser.text
  const name = mech.name
  const term = mech.text
  const rest = from < end ? text[from] : ''
  switch (name) {
    case 'all':
      if (from < end) {
        parser.problem(
          problems,
          'unexpected-argument',
          from,
          end,
          `"${term}": "all" takes no argument; remove "${text.slice(from, end)}" (RFC 7208 §5.1)`,
        )
      }
      return
    case 'include':
    case 'exists':
      if (rest !== ':') {
        noDomain(parser, mech, from, end, problems)
        return
      }
      mech.domainSpec = parseTargetWithoutCidr(parser, mech, from + 1, end, problems)
      return
    case 'ptr':
      if (rest === ':')
        mech.domainSpec = parseTargetWithoutCidr(parser, mech, from + 1, end, problems)
      else if (rest !== '') unexpected(parser, mech, from, end, problems)
      return
    case 'a':
    case 'mx': {
      let argEnd = end
      if (rest === ':' || rest === '/') {
        const cidr = cidrSuffix(text, from, end)
        const cidrStart = cidr.start
        if (cidrStart < end) {
          argEnd = cidrStart
          if (rest === '/' && cidrStart !== from) {
            parser.problem(
              problems,
              'invalid-ip',
              from,
              end,
              `invalid prefix length "${text.slice(from, end)}" in "${term}": write "/<ip4-length>", "//<ip6-length>" or both, as in "${name}/24//64" (RFC 7208 §5.3)`,
            )
            return
          }
          parseDualCidr(parser, mech, cidr, end, problems)
        }
        if (rest === ':') {
          mech.domainSpec = parseDomainSpec(parser, term, from + 1, argEnd, problems, name, true)
        } else if (argEnd !== from) {
          parser.problem(
            problems,
            'invalid-ip',
            from,
            end,
            `invalid prefix length "${text.slice(from, end)}" in "${term}": write "/<ip4-length>", "//<ip6-length>" or both (RFC 7208 §5.3)`,
          )
        }
      } else if (rest !== '') unexpected(parser, mech, from, end, problems)
      return
    }
    case 'ip4':
    case 'ip6':
      parseIpArg(parser, mech, from, end, problems)
      return
  }
}

function unexpected(
  parser: Parser,
  mech: Mechanism,
  from: number,
  end: number,
  problems: SpfProblem[],
): void {
  const extra = parser.text.slice(from, end)
  parser.problem(
    problems,
    'unexpected-argument',
    from,
    end,
    `unexpected "${extra}" after "${mech.name}" in "${mech.text}"; a target is written "${mech.name}:<domain>"`,
  )
}

function noDomain(
  parser: Parser,
  mech: Mechanism,
  from: number,
  end: number,
  problems: SpfProblem[],
): void {
  if (from < end && parser.text[from] === '/') {
    parser.problem(
      problems,
      'unexpected-argument',
      from,
      end,
      `"${mech.text}": ${mech.name} takes no prefix length; remove "${parser.text.slice(from, end)}" and add ":<domain>"`,
    )
    return
  }
  parser.problem(
    problems,
    'invalid-domain-spec',
    mech.span.start + (mech.qualifierExplicit ? 1 : 0),
    end,
    `"${mech.text}" has no domain; write "${mech.name}:<domain>" (RFC 7208 §5)`,
  )
}

/** include / exists / ptr take a domain-spec and no prefix length (§5.2, §5.5, §5.7). */
function parseTargetWithoutCidr(
  parser: Parser,
  mech: Mechanism,
  from: number,
  end: number,
  problems: SpfProblem[],
): MacroString {
  const mark = problems.length
  const ms = parseDomainSpec(parser, mech.text, from, end, problems, mech.name, true)
  if (hasPermerror(problems, mark)) {
    const cidrStart = cidrSuffix(parser.text, from, end).start
    if (cidrStart < end && cidrStart > from) {
      const inner: SpfProblem[] = []
      const stripped = parseDomainSpec(parser, mech.text, from, cidrStart, inner, mech.name, true)
      if (!hasPermerror(inner, 0)) {
        problems.length = mark
        parser.problem(
          problems,
          'unexpected-argument',
          cidrStart,
          end,
          `"${mech.text}": ${mech.name} takes no prefix length; remove "${parser.text.slice(cidrStart, end)}"`,
        )
        for (const p of inner) problems.push(p)
        return stripped
      }
    }
  }
  return ms
}

function parseDualCidr(
  parser: Parser,
  mech: Mechanism,
  cidr: CidrSuffix,
  end: number,
  problems: SpfProblem[],
): void {
  mech.prefixSpan = { start: cidr.start, end }
  if (cidr.s4 >= 0) {
    const p = checkPrefix(parser, mech, cidr.s4, cidr.e4, 32, problems)
    if (p >= 0) mech.prefix4 = p
  }
  if (cidr.s6 >= 0) {
    const p = checkPrefix(parser, mech, cidr.s6, cidr.e6, 128, problems)
    if (p >= 0) mech.prefix6 = p
  }
}

/**
 * A cidr length, the digits at [start, end): no leading zeros (the suite's `cidr4-032`), at most
 * 32 or 128 (§5.6). -1 when it is reported.
 */
function checkPrefix(
  parser: Parser,
  mech: Mechanism,
  start: number,
  end: number,
  max: number,
  problems: SpfProblem[],
): number {
  const text = parser.text
  const family = max === 32 ? 'IPv4' : 'IPv6'
  if (end - start > 1 && text.charCodeAt(start) === 48) {
    const digits = text.slice(start, end)
    parser.problem(
      problems,
      'invalid-ip',
      start,
      end,
      `${family} prefix length "${digits}" in "${mech.text}" has a leading zero; write "${Number(digits)}"`,
    )
    return -1
  }
  let value = 0
  if (end - start <= 3) {
    for (let k = start; k < end; k++) value = value * 10 + (text.charCodeAt(k) - 48)
  } else value = Infinity
  if (value > max) {
    parser.problem(
      problems,
      'invalid-ip',
      start,
      end,
      `${family} prefix length /${text.slice(start, end)} in "${mech.text}" is over ${max}`,
    )
    return -1
  }
  return value
}

function parseIpArg(
  parser: Parser,
  mech: Mechanism,
  from: number,
  end: number,
  problems: SpfProblem[],
): void {
  const text = parser.text
  const v6 = mech.name === 'ip6'
  const example = v6 ? 'ip6:2001:db8::/32' : 'ip4:192.0.2.0/24'
  if (from >= end || text[from] !== ':') {
    parser.problem(
      problems,
      'invalid-ip',
      mech.span.start,
      end,
      `"${mech.text}" has no address; write it as "${example}" (RFC 7208 §5.6)`,
    )
    return
  }
  const addrStart = from + 1
  let slash = text.indexOf('/', addrStart)
  if (slash < 0 || slash > end) slash = end
  const addr = text.slice(addrStart, slash)
  mech.ip = addr
  mech.ipSpan = { start: addrStart, end: slash }

  let value4 = -1
  let groups: number[] | null = null
  if (v6) {
    groups = parseIp6(addr)
    if (!groups) {
      let message: string
      if (parseIp4(addr) >= 0) message = `"${mech.text}" holds an IPv4 address; write "ip4:${addr}"`
      else if (addr === '') message = `"${mech.text}" has no address; write it as "${example}"`
      else message = `invalid IPv6 address "${addr}" in "${mech.text}"`
      parser.problem(problems, 'invalid-ip', addrStart, slash, message)
      return
    }
  } else {
    value4 = parseIp4(text, addrStart, slash)
    if (value4 < 0) {
      parser.problem(problems, 'invalid-ip', addrStart, slash, describeBadIp4(addr, mech.text))
      return
    }
  }
  if (slash === end) return
  let digitsEnd = slash + 1
  while (digitsEnd < end && isDigit(text.charCodeAt(digitsEnd))) digitsEnd++
  if (digitsEnd === slash + 1 || digitsEnd < end) {
    parser.problem(
      problems,
      'invalid-ip',
      slash,
      end,
      `invalid prefix length "${text.slice(slash, end)}" in "${mech.text}": write one "/<length>"${v6 ? '' : ' (ip4 takes no IPv6 length)'}`,
    )
    return
  }
  mech.prefixSpan = { start: slash, end }
  const prefix = checkPrefix(parser, mech, slash + 1, end, v6 ? 128 : 32, problems)
  if (prefix < 0) return
  if (v6) mech.prefix6 = prefix
  else mech.prefix4 = prefix
  const hostBits = v6 ? hostBits6(groups as number[], prefix) : hostBits4(value4, prefix)
  if (hostBits) {
    parser.problem(
      problems,
      'host-bits-set',
      addrStart,
      end,
      `"${mech.text}" has host bits set below /${prefix}; receivers match the whole network, so write the network address or check the prefix length`,
      false,
    )
  }
}

function describeBadIp4(addr: string, term: string): string {
  if (addr === '') return `"${term}" has no address; write it as "ip4:192.0.2.0/24"`
  // An IPv6 address with a zone index (`fe80::1%eth0`, RFC 4007 §11): SPF has none (§5.6).
  const zone = addr.indexOf('%')
  const ip6 = zone < 0 ? addr : addr.slice(0, zone)
  if (parseIp6(ip6) !== null) {
    const without = zone < 0 ? '' : ` (without the zone index "${addr.slice(zone)}")`
    return `"${term}" holds an IPv6 address; write "ip6:${ip6}"${without}`
  }
  const port = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(addr)
  if (port) return `"${term}" has a port number; remove ":${port[2]}" (SPF has no ports)`
  const parts = addr.split('.')
  if (parts.every((p) => /^\d+$/.test(p))) {
    if (parts.length < 4) {
      return `IPv4 address "${addr}" in "${term}" has ${parts.length} octets; write all four and a prefix length for a range, e.g. "ip4:${[...parts, '0', '0', '0'].slice(0, 4).join('.')}/${parts.length * 8}" (RFC 7208 §5.6)`
    }
    if (parts.some((p) => p.length > 1 && p[0] === '0')) {
      return `IPv4 address "${addr}" in "${term}" has a leading zero; write "${parts.map(Number).join('.')}"`
    }
    if (parts.some((p) => Number(p) > 255))
      return `IPv4 address "${addr}" in "${term}" has an octet over 255`
  }
  return `invalid IPv4 address "${addr}" in "${term}"`
}

/**
 * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
 * toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
 * (§7.1). Empty and over-long labels are legal syntax that receivers treat differently (the
 * suite accepts fail or permerror): reported, but not as a permerror.
 */
function parseDomainSpec(
  parser: Parser,
  term: string,
  start: number,
  end: number,
  problems: SpfProblem[],
  name: string,
  isMechanism: boolean,
): MacroString {
  const text = parser.text
  const pct = parser.percentFrom(start)
  const literal = pct < 0 || pct >= end
  let ms: MacroString
  let badChar = -1
  if (literal) {
    // No macros: what parseMacroString() would find is the first character out of range.
    if (!parser.clean) {
      for (let k = start; k < end; k++) {
        const c = text.charCodeAt(k)
        if (c < 0x21 || c > 0x7e) {
          badChar = k
          break
        }
      }
    }
    const span: Span = { start, end }
    ms = { text: text.slice(start, end), span, macros: NO_MACROS }
  } else {
    const parsed = parseMacroString(text, start, end, problems, false, term)
    ms = parsed.value
    badChar = parsed.badChar
    // (Not empty: it holds a "%".)
    if (badChar < 0 && (parsed.macroError || parsed.endsWithMacro)) return ms
  }
  if (start === end) {
    // `name:` or `name=` precedes the (empty) domain.
    const prefix = name + (isMechanism ? ':' : '=')
    parser.problem(
      problems,
      'invalid-domain-spec',
      start - prefix.length,
      end,
      `"${term}" has no domain; write "${prefix}<domain>"${isMechanism ? '' : ' or remove the modifier'} (RFC 7208 §${isMechanism ? '5' : '6'})`,
    )
    return ms
  }
  if (badChar >= 0) {
    parser.problem(
      problems,
      'invalid-domain-spec',
      badChar,
      badChar + 1,
      `invalid character ${charName(text, badChar)} in the domain of "${term}"`,
    )
    return ms
  }
  const lastMacro = ms.macros.length
    ? (ms.macros[ms.macros.length - 1] as { span: Span }).span.end
    : start
  let litEnd = end
  if (text.charCodeAt(litEnd - 1) === 46) litEnd--
  const dot = text.lastIndexOf('.', litEnd - 1)
  if (dot < lastMacro || dot < start) {
    const domain = ms.text
    parser.problem(
      problems,
      'invalid-domain-spec',
      start,
      end,
      `"${domain}" in "${term}" is not a domain name with at least two labels; write a full name such as "${domain.replace(/\.$/, '')}.example" (RFC 7208 §7.1)`,
    )
    return ms
  }
  if (!toplabelValid(text, dot + 1, litEnd)) {
    const domain = ms.text
    const top = text.slice(dot + 1, litEnd)
    let message: string
    if (parseIp4(domain) >= 0) {
      // The whole address is the mistake, not its last octet.
      parser.problem(
        problems,
        'invalid-domain-spec',
        start,
        end,
        `"${term}" names an IP address where a domain belongs; write "ip4:${domain}"`,
      )
      return ms
    } else if (/^:\d+$/.test(top.replace(/^[^:]*/, ''))) {
      message = `"${domain}" in "${term}" has a port number; remove "${top.slice(top.indexOf(':'))}"`
    } else {
      message = `invalid top label "${top}" in "${term}": ${toplabelIssue(top)} (RFC 7208 §7.1)`
    }
    parser.problem(problems, 'invalid-domain-spec', dot + 1, litEnd, message)
    return ms
  }
  if (literal) checkLabels(parser, term, start, litEnd, problems)
  return ms
}

/** `toplabelIssue()` finds nothing in [start, end), without taking the label out of the text. */
function toplabelValid(text: string, start: number, end: number): boolean {
  if (start === end) return false
  let alpha = false
  let hyphen = false
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (isAlpha(c)) alpha = true
    else if (c === 45) hyphen = true
    else if (!(c >= 48 && c <= 57)) return false
  }
  if (text.charCodeAt(start) === 45 || text.charCodeAt(end - 1) === 45) return false
  return alpha || hyphen
}

function toplabelIssue(top: string): string | undefined {
  if (top === '') return 'it is empty'
  let alpha = false
  for (let i = 0; i < top.length; i++) {
    const c = top.charCodeAt(i)
    if (isAlpha(c)) alpha = true
    else if (!(c >= 48 && c <= 57) && c !== 45) return `"${top[i]}" is not allowed in a top label`
  }
  if (top.startsWith('-') || top.endsWith('-')) return 'a top label cannot start or end with "-"'
  if (!alpha && !top.includes('-')) return 'a top label cannot be all digits'
  return undefined
}

/** Labels over 63 octets or empty labels (RFC 1035 §2.3.4): a name no query can be made for. */
function checkLabels(
  parser: Parser,
  term: string,
  start: number,
  end: number,
  problems: SpfProblem[],
): void {
  const text = parser.text
  let labelStart = start
  for (;;) {
    let i = text.indexOf('.', labelStart)
    if (i < 0 || i > end) i = end
    const len = i - labelStart
    if (len === 0) {
      parser.problem(
        problems,
        'invalid-domain-spec',
        Math.max(start, i - 1),
        Math.min(end, i + 1),
        `empty label in "${text.slice(start, end)}" in "${term}"; remove the extra "."; receivers treat the name as nonexistent or as a permerror`,
        false,
      )
      return
    }
    if (len > 63) {
      parser.problem(
        problems,
        'invalid-domain-spec',
        labelStart,
        i,
        `label of ${len} octets in "${term}" is over 63; receivers treat the name as nonexistent or as a permerror`,
        false,
      )
      return
    }
    if (i === end) return
    labelStart = i + 1
  }
}

/**
 * Parse one SPF record. `text` should be an SPF record (`isSpfRecordText`); the version tag is
 * the first 6 characters, and whatever follows it is parsed as terms.
 */
export function parseSpf(text: string): SpfRecord {
  const parser = new Parser(text)
  const versionEnd = Math.min(6, text.length)
  const version = text.startsWith('v=spf1') ? 'v=spf1' : text.slice(0, versionEnd)
  if (version !== 'v=spf1' && version.toLowerCase() === 'v=spf1') {
    parser.problem(
      parser.problems,
      'uppercase',
      0,
      versionEnd,
      `version "${version}" is not in lower case; write "v=spf1" (legal, but some receivers reject it)`,
      false,
    )
  }
  if (versionEnd < text.length && text.charCodeAt(versionEnd) !== 32) {
    const c = text.charCodeAt(versionEnd)
    if (isHardSeparator(c)) parser.token(versionEnd, nextSpace(text, versionEnd))
    else {
      parser.separator(versionEnd, versionEnd + 1, true, parser.tokenAt(versionEnd))
      parser.token(versionEnd, nextSpace(text, versionEnd))
    }
    parser.run(nextSpace(text, versionEnd))
  } else parser.run(versionEnd)
  const versionSpan: Span = { start: 0, end: versionEnd }
  const record: SpfRecord = {
    text,
    versionSpan,
    terms: parser.terms,
    problems: parser.problems,
    // Set below when present; in the literal, they are stored in the record itself.
    redirect: undefined,
    exp: undefined,
    syntaxError: undefined,
  }
  if (parser.hasRedirectOrExp) findRedirectAndExp(parser, record)
  // (A stable sort: problems at the same position keep the order they were found in.)
  if (parser.problems.length > 1) parser.problems.sort(byStart)
  else if (parser.problems.length === 0) record.problems = NO_PROBLEMS
  record.syntaxError = record.problems.find(isPermerror)
  // A list of its exact size (one grown by push keeps room for 17): records last the whole run.
  record.terms = parser.terms.slice()
  return record
}

/**
 * Shared by the records without problems and the domain-specs without macros, which are nearly
 * all of them: a large zone keeps a parsed record for each of its SPF records. Read-only.
 */
const NO_PROBLEMS = Object.freeze([]) as unknown as SpfProblem[]
const NO_MACROS = Object.freeze([]) as unknown as MacroExpand[]

/** §6: redirect and exp MUST NOT appear more than once each. */
function findRedirectAndExp(parser: Parser, record: SpfRecord): void {
  for (const term of parser.terms) {
    if (term.type !== 'modifier' || (term.name !== 'redirect' && term.name !== 'exp')) continue
    const first = term.name === 'redirect' ? record.redirect : record.exp
    if (!first) {
      if (term.name === 'redirect') record.redirect = term
      else record.exp = term
      continue
    }
    parser.problem(
      parser.problems,
      'duplicate-modifier',
      term.span.start,
      term.span.end,
      `"${term.text}" repeats "${first.text}"; ${term.name}= may appear only once (RFC 7208 §6); remove one`,
    )
  }
}

function byStart(a: SpfProblem, b: SpfProblem): number {
  return a.span.start - b.span.start
}

function nextSpace(text: string, from: number): number {
  const i = text.indexOf(' ', from)
  return i < 0 ? text.length : i
}
