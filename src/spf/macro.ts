/**
 * Macro-strings (RFC 7208 §7): parsing into `MacroString` with spans, and expansion.
 *
 *   macro-string = *( macro-expand / macro-literal )
 *   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 *   macro-literal = %x21-24 / %x26-7E
 *   explain-string = *( macro-string / SP )
 */
import type { MacroExpand, MacroString, SpfProblem } from './types.js'

const LETTERS = 'slodiphvcrt'
const EXP_ONLY = 'crt'
const DELIMITERS = '.-+,/_='

export interface MacroParse {
  value: MacroString
  /** Index of the first character that is neither a macro nor a macro-literal, or -1. */
  badChar: number
  /** Whether the string ends with a macro-expand (a valid domain-end, §7.1). */
  endsWithMacro: boolean
  /** Whether a macro syntax problem was reported. */
  macroError: boolean
}

/**
 * Parse [start, end) of `text`. `explain` allows SP and the `c r t` letters, which §7.1 allows
 * only in explanation text; elsewhere they are reported as `invalid-macro` (a permerror).
 * `what` names the enclosing term in messages.
 */
export function parseMacroString(
  text: string,
  start: number,
  end: number,
  problems: SpfProblem[],
  explain: boolean,
  what?: string,
): MacroParse {
  const macros: MacroExpand[] = []
  let badChar = -1
  let endsWithMacro = false
  let macroError = false
  let i = start
  while (i < end) {
    const c = text.charCodeAt(i)
    if (c !== 37) {
      if ((c < 0x21 || c > 0x7e) && !(explain && c === 0x20) && badChar < 0) badChar = i
      endsWithMacro = false
      i++
      continue
    }
    // '%' (the character after it is looked at even past `end`, as the messages quote it)
    const next = text.charCodeAt(i + 1)
    if (next === 37 || next === 95 || next === 45) {
      endsWithMacro = true
      i += 2
      continue
    }
    if (next !== 123) {
      const missing = i + 1 >= text.length
      const shown = missing ? '%' : text.slice(i, i + 2)
      macroError = true
      macroProblem(
        problems,
        i,
        Math.min(i + 2, end),
        `invalid macro "${shown}" in "${what ?? text.slice(start, end)}": "%" must be followed by "{", "%", "_" or "-"; write "%%" for a literal percent sign (RFC 7208 §7.1)`,
      )
      i += missing ? 1 : 2
      endsWithMacro = false
      continue
    }
    const close = text.indexOf('}', i + 2)
    if (close < 0 || close >= end) {
      macroError = true
      macroProblem(
        problems,
        i,
        end,
        `unterminated macro "${text.slice(i, end)}" in "${what ?? text.slice(start, end)}": add "}"`,
      )
      break
    }
    const parsed = parseExpand(text, i, close + 1, explain)
    if (typeof parsed === 'string') {
      macroError = true
      macroProblem(
        problems,
        i,
        close + 1,
        `invalid macro "${text.slice(i, close + 1)}" in "${what ?? text.slice(start, end)}": ${parsed}`,
      )
    } else macros.push(parsed)
    endsWithMacro = true
    i = close + 1
  }
  return {
    value: { text: text.slice(start, end), span: { start, end }, macros },
    badChar,
    endsWithMacro,
    macroError,
  }
}

function macroProblem(problems: SpfProblem[], start: number, end: number, message: string): void {
  problems.push({ kind: 'invalid-macro', span: { start, end }, permerror: true, message })
}

/** Parse `%{...}` at [start, end); a string is the reason it is invalid. */
function parseExpand(
  text: string,
  start: number,
  end: number,
  explain: boolean,
): MacroExpand | string {
  let i = start + 2
  const letterChar = text[i]
  if (letterChar === undefined || i >= end - 1) return 'a macro letter is missing'
  const letter = letterChar.toLowerCase()
  if (!LETTERS.includes(letter) || letterChar === '}') {
    return `"${letterChar}" is not a macro letter; use one of s l o d i p h v (and c r t in explanation text)`
  }
  if (!explain && EXP_ONLY.includes(letter)) {
    return `the "${letter}" macro is allowed only in explanation text (RFC 7208 §7.1)`
  }
  i++
  let digits: number | undefined
  const digitStart = i
  while (i < end - 1) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) break
    i++
  }
  if (i > digitStart) {
    digits = Number(text.slice(digitStart, i))
    if (digits === 0) return 'the number of parts must not be zero (RFC 7208 §7.3)'
  }
  let reverse = false
  if (text[i] === 'r' || text[i] === 'R') {
    reverse = true
    i++
  }
  const delimStart = i
  while (i < end - 1) {
    if (!DELIMITERS.includes(text[i] as string)) {
      return `"${text[i]}" is not a delimiter; delimiters are . - + , / _ = (RFC 7208 §7.1)`
    }
    i++
  }
  const result: MacroExpand = {
    letter,
    reverse,
    delimiters: text.slice(delimStart, end - 1),
    urlEscape: letterChar !== letter,
    span: { start, end },
  }
  if (digits !== undefined) result.digits = digits
  return result
}

/** What the macro letters expand to (§7.3). `validatedDomain` is called only for `%{p}`. */
export interface MacroContext {
  /** `s`: the <sender> (local-part@domain). */
  sender: string
  /** `l` */
  localPart: string
  /** `o` */
  senderDomain: string
  /** `d`: the current <domain>. */
  domain: string
  /** `i`: dotted quad, or dot-separated nibbles for IPv6. */
  ipDotted: string
  /** `c`: dotted quad, or RFC 5952 text for IPv6. */
  ipReadable: string
  /** `v`: `in-addr` or `ip6`. */
  ipVersion: 'in-addr' | 'ip6'
  /** `h` */
  helo: string
  /** `r` */
  receiver: string
  /** `t`: seconds since the epoch. */
  now: number
  /** `p`: the validated domain name of the client IP, or `unknown` (§5.5, §7.3). */
  validatedDomain: () => Promise<string>
}

/** A `MacroContext` whose `p` value is at hand: expansion needs no waiting. */
export type SyncMacroContext = Omit<MacroContext, 'validatedDomain'> & {
  validatedDomain: () => string
}

/**
 * Expand a macro-string (§7.3, §7.4). For a domain-spec (`isExp` false) a trailing dot is dropped
 * and a result over 253 characters loses labels from the left until it fits (§7.3).
 */
export async function expandMacro(
  ms: MacroString,
  context: MacroContext,
  options: { isExp: boolean },
): Promise<string> {
  // `p` is the only letter that needs waiting for: ask for it first, and only when it is used.
  const p = ms.macros.some((m) => m.letter === 'p') ? await context.validatedDomain() : 'unknown'
  return expandMacroSync(ms, { ...context, validatedDomain: () => p }, options)
}

/** `expandMacro()` with every value at hand. */
export function expandMacroSync(
  ms: MacroString,
  context: SyncMacroContext,
  options: { isExp: boolean },
): string {
  const text = ms.text
  let out: string
  if (!text.includes('%')) out = text
  else {
    out = ''
    const base = ms.span.start
    let next = 0
    let i = 0
    while (i < text.length) {
      const pct = text.indexOf('%', i)
      if (pct < 0) {
        out += text.slice(i)
        break
      }
      out += text.slice(i, pct)
      const c = text[pct + 1]
      if (c === '%') out += '%'
      else if (c === '_') out += ' '
      else if (c === '-') out += '%20'
      else if (c === '{') {
        const m = ms.macros[next++]
        if (!m) throw new Error(`macro-string "${text}" does not match its parsed macros`)
        out += expandOne(m, context)
        i = m.span.end - base
        continue
      }
      i = pct + 2
    }
  }
  return options.isExp ? out : truncateDomain(out)
}

function expandOne(m: MacroExpand, ctx: SyncMacroContext): string {
  let value: string
  switch (m.letter) {
    case 's':
      value = ctx.sender
      break
    case 'l':
      value = ctx.localPart
      break
    case 'o':
      value = ctx.senderDomain
      break
    case 'd':
      value = ctx.domain
      break
    case 'i':
      value = ctx.ipDotted
      break
    case 'p':
      value = ctx.validatedDomain()
      break
    case 'v':
      value = ctx.ipVersion
      break
    case 'h':
      value = ctx.helo
      break
    case 'c':
      value = ctx.ipReadable
      break
    case 'r':
      value = ctx.receiver
      break
    case 't':
      value = String(ctx.now)
      break
    default:
      value = ''
  }
  if (m.digits !== undefined || m.reverse || m.delimiters !== '') value = transform(value, m)
  return m.urlEscape ? urlEscape(value) : value
}

/** §7.3: split on the delimiters, optionally reverse, keep the right-hand parts, join with ".". */
function transform(value: string, m: MacroExpand): string {
  const delims = m.delimiters || '.'
  let parts: string[]
  if (delims.length === 1) parts = value.split(delims)
  else {
    parts = []
    let from = 0
    for (let i = 0; i < value.length; i++) {
      if (delims.includes(value[i] as string)) {
        parts.push(value.slice(from, i))
        from = i + 1
      }
    }
    parts.push(value.slice(from))
  }
  if (m.reverse) parts.reverse()
  if (m.digits !== undefined && m.digits < parts.length)
    parts = parts.slice(parts.length - m.digits)
  return parts.join('.')
}

const UNRESERVED = /^[A-Za-z0-9._~-]*$/

/** §7.3: upper-case macro letters are URL-escaped; only the unreserved set stays as it is. */
export function urlEscape(value: string): string {
  if (UNRESERVED.test(value)) return value
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  )
}

/** §7.3: drop a trailing dot; over 253 characters, remove labels from the left until it fits. */
export function truncateDomain(name: string): string {
  let out = name.endsWith('.') ? name.slice(0, -1) : name
  while (out.length > 253) {
    const dot = out.indexOf('.')
    if (dot < 0) break
    out = out.slice(dot + 1)
  }
  return out
}
