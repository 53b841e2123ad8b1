/**
 * check_host() (RFC 7208 §4–§6) over any `Resolver`.
 *
 * Lookup accounting (§4.6.4), which the linter's rules rely on:
 * - `lookups` counts the DNS-querying terms evaluated: include, a, mx, ptr, exists and redirect
 *   (a redirect only when it is followed, §6.1). The first TXT query of each domain is part of
 *   the term that led to it; the initial domain's costs nothing. More than `maxLookups` is a
 *   permerror.
 * - `voidLookups` counts the queries that came back empty (NXDOMAIN or no records), once each:
 *   a term's own query, the address queries of its MX hosts and PTR names, and the PTR query of
 *   `%{p}`, as pyspf and Mail::SPF count them. An `a` or `mx` for an IPv4 client asks only A,
 *   so an IPv4-only MX host costs an IPv6 client one void lookup and an IPv4 client none. The
 *   `exp=` lookup is not counted (§6.2: it happens after evaluation). More than
 *   `maxVoidLookups` is a permerror.
 * - An `mx` with more than 10 MX records is a permerror; only the first 10 PTR names are used.
 * - A DNS failure is a temperror; so is an `unknown` answer (a name outside the repository
 *   while live DNS is off), with a reason that says so. `unknown` is never a void lookup.
 */
import {
  isVoidAnswer,
  normalizeName,
  type Answer,
  type MxAnswer,
  type RecordTypes,
  type Resolver,
  type RRType,
  type TxtAnswer,
} from '../dns/resolver.js'
import { LateAnswers, NotAtHand } from '../dns/late.js'
import {
  formatIp4,
  formatIp6,
  parseClientIp,
  parseIp4,
  parseIp6,
  sameNet4,
  sameNet6,
  type Ip,
} from './ip.js'
import { expandMacroSync, parseMacroString, type SyncMacroContext } from './macro.js'
import { parseSpf } from './parse.js'
import type {
  MacroString,
  Mechanism,
  SpfProblem,
  SpfRecord,
  SpfResult,
  Span,
  Term,
} from './types.js'
import { isSpfRecordText } from './types.js'

export interface CheckHostInput {
  /** The SMTP client's address (IPv4, IPv6, or IPv4-mapped IPv6). */
  ip: string
  /** The domain whose policy is checked (the MAIL FROM or HELO domain). */
  domain: string
  /** The MAIL FROM address (`local@domain`); `@domain` or a bare domain means postmaster. */
  sender: string
  /** The HELO/EHLO name, for the `h` macro. */
  helo?: string
  /** The receiving host's name, for the `r` macro in explanations. */
  receiver?: string
}

export interface CheckHostOptions {
  /** DNS-querying terms allowed (§4.6.4); default 10. */
  maxLookups?: number
  /** Void lookups allowed (§4.6.4); default 2. */
  maxVoidLookups?: number
  /** Record every step in `trace`. */
  trace?: boolean
  /** Seconds since the epoch for the `t` macro; default now. */
  now?: number
}

/** A term in a record, and the domain whose record holds it. */
export interface TermRef {
  term: string
  domain: string
  span?: Span
}

export interface TraceStep {
  /** 0 for the checked domain, +1 for each include/redirect. */
  depth: number
  domain: string
  term?: string
  span?: Span
  /** What happened: `match`, `no match`, `record`, `lookup`, `void`, ... with detail. */
  note: string
}

export interface CheckHostResult {
  result: SpfResult
  /** The expanded `exp=` text (§6.2), only for `fail` and only when the record gives one. */
  explanation?: string
  /**
   * The term that decided the result: the matching mechanism (innermost, inside includes), the
   * term with a syntax error, the term that broke a limit or met a DNS error. Absent when no
   * mechanism matched and the default applied (§4.7), or when no record was found.
   */
  decidedBy?: TermRef
  /** The include/redirect terms leading from the checked domain to `decidedBy`, outermost first. */
  via?: TermRef[]
  /** One sentence a person can act on. */
  reason: string
  /** DNS-querying terms evaluated (§4.6.4). */
  lookups: number
  voidLookups: number
  trace?: TraceStep[]
}

/** An early end of evaluation: permerror or temperror, from wherever it arose. */
class Stop {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: string,
    readonly decidedBy?: TermRef,
    readonly via?: TermRef[],
  ) {}
}

/** A completed evaluation of one record. */
interface Outcome {
  result: SpfResult
  reason: string
  decidedBy?: TermRef
  via: TermRef[]
  /** The record (and its domain) whose mechanism produced the result, for `exp=` (§6.2). */
  expRecord?: SpfRecord
  expDomain?: string
}

const MAX_MX = 10
const MAX_PTR = 10

/**
 * Texts read once and kept, as the same provider records (and their `exp=` texts) recur across
 * domains and checks: by text, each cache emptied when it reaches 1,024 entries.
 */
class TextCache<T> {
  private readonly byText = new Map<string, T>()

  constructor(private readonly read: (text: string) => T) {}

  get(text: string): T {
    let value = this.byText.get(text)
    if (value === undefined) {
      if (this.byText.size >= 1024) this.byText.clear()
      value = this.read(text)
      this.byText.set(text, value)
    }
    return value
  }
}

/** A record's text parsed; null when it is not US-ASCII (§3.1). */
const parsedRecords = new TextCache<SpfRecord | null>((text) =>
  hasNonAscii(text) ? null : parseSpf(text),
)

/** An explanation text (§6.2) as a macro-string; null when it is not a valid one. */
const parsedExplanations = new TextCache<MacroString | null>((text) => {
  if (hasNonAscii(text)) return null
  const problems: SpfProblem[] = []
  const read = parseMacroString(text, 0, text.length, problems, true)
  return problems.length || read.badChar >= 0 ? null : read.value
})

export function checkHost(
  input: CheckHostInput,
  resolver: Resolver,
  options: CheckHostOptions = {},
): Promise<CheckHostResult> {
  // Not `async`: when every answer is at hand (the repository's zones, memory), the whole check
  // runs now and costs one settled promise. A bad input still rejects rather than throws.
  const ip = parseClientIp(input.ip.trim())
  if (!ip) return Promise.reject(new TypeError(`checkHost: "${input.ip}" is not an IP address`))
  const evaluation = new Evaluation(input, ip, resolver, options, undefined)
  try {
    return Promise.resolve(evaluation.run())
  } catch (err) {
    if (!(err instanceof NotAtHand)) return Promise.reject(err)
    // Every pass reads the `t` macro from the same clock.
    const again = { ...options, now: evaluation.now }
    return replay(input, ip, resolver, again, evaluation.late as LateAnswers<number>, err)
  }
}

/** The passes after the first, each once the answer the one before lacked has come. */
async function replay(
  input: CheckHostInput,
  ip: Ip,
  resolver: Resolver,
  options: CheckHostOptions,
  late: LateAnswers<number>,
  first: NotAtHand,
): Promise<CheckHostResult> {
  let missing = first
  for (;;) {
    await missing.answer
    try {
      return new Evaluation(input, ip, resolver, options, late).run()
    } catch (err) {
      if (!(err instanceof NotAtHand)) throw err
      missing = err
    }
  }
}

/** §4.3: a name a query can be made for: labels of 1..63 octets, at most 253 in all. */
function validName(name: string): boolean {
  const end = name.charCodeAt(name.length - 1) === 46 ? name.length - 1 : name.length
  if (end === 0 || end > 253) return false
  // Label by label with `indexOf`: names have a few labels and many characters.
  let start = 0
  for (;;) {
    let dot = name.indexOf('.', start)
    if (dot < 0 || dot > end) dot = end
    const len = dot - start
    if (len === 0 || len > 63) return false
    if (dot === end) return true
    start = dot + 1
  }
}

/** §4.3: the checked domain must be a multi-label domain name, not an address literal. */
function validInitialDomain(domain: string): boolean {
  if (!validName(domain) || domain.startsWith('[')) return false
  const n = domain.endsWith('.') ? domain.slice(0, -1) : domain
  const dot = n.lastIndexOf('.')
  if (dot < 0) return false
  for (let i = dot + 1; i < n.length; i++) {
    const c = n.charCodeAt(i)
    if (c < 48 || c > 57) return true
  }
  return dot + 1 === n.length
}

const NON_ASCII = /[^\0-\x7f]/

function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text)
}

class Evaluation {
  lookups = 0
  voids = 0
  readonly maxLookups: number
  readonly maxVoids: number
  /** The macro values; made on the first macro expansion, then only `domain` changes. */
  private macro?: SyncMacroContext
  readonly now: number
  readonly trace?: TraceStep[]
  /** Queries asked so far in this pass: the number of the next one. */
  private asked = 0
  private ptrNames?: string[] | null
  /** The pass outcome of the include that matched last, to report its innermost term. */
  private included?: Outcome
  /** `%{p}` per domain; made on first use, as few checks expand it. */
  private validated?: Map<string, string>

  constructor(
    readonly input: CheckHostInput,
    /** The client's address, read from `input.ip`. */
    readonly ip: Ip,
    readonly resolver: Resolver,
    options: CheckHostOptions,
    /**
     * The answers that were not at hand in earlier passes; made when the first is missing.
     * Answers at hand are not kept: nearly every check has only those, and asks nothing twice.
     */
    public late: LateAnswers<number> | undefined,
  ) {
    this.maxLookups = options.maxLookups ?? 10
    this.maxVoids = options.maxVoidLookups ?? 2
    if (options.trace) this.trace = []
    this.now = options.now ?? Math.floor(Date.now() / 1000)
  }

  /** The macro values for expanding a macro-string of `domain`'s record (§7.3). */
  context(domain: string): SyncMacroContext {
    const context = this.macro ?? this.macroValues()
    context.domain = domain
    return context
  }

  macroValues(): SyncMacroContext {
    const { ip, input } = this
    // Read in the same pass as the constructor: the values are those the check started with.
    const sender = input.sender
    const at = sender.lastIndexOf('@')
    const local = at > 0 ? sender.slice(0, at) : 'postmaster'
    const senderDomain = at >= 0 ? sender.slice(at + 1) : sender || input.domain
    // One context per check: `domain` is set before each expansion, which `p` reads when asked.
    const context: SyncMacroContext = {
      sender: `${local}@${senderDomain}`,
      localPart: local,
      senderDomain,
      ipDotted: ip.v === 4 ? formatIp4(ip.n) : nibbles(ip.g, input.ip),
      ipReadable: ip.v === 4 ? formatIp4(ip.n) : formatIp6(ip.g),
      ipVersion: ip.v === 4 ? 'in-addr' : 'ip6',
      helo: input.helo ?? 'unknown',
      receiver: input.receiver ?? 'unknown',
      now: this.now,
      domain: '',
      validatedDomain: () => this.validatedDomain(context.domain),
    }
    this.macro = context
    return context
  }

  note(depth: number, domain: string, note: string, term?: { text: string; span: Span }): void {
    if (!this.trace) return
    const step: TraceStep = { depth, domain, note }
    if (term) {
      step.term = term.text
      step.span = term.span
    }
    this.trace.push(step)
  }

  finish(
    result: SpfResult,
    reason: string,
    decidedBy?: TermRef,
    via?: TermRef[],
    explanation?: string,
  ): CheckHostResult {
    const out: CheckHostResult = { result, reason, lookups: this.lookups, voidLookups: this.voids }
    if (explanation !== undefined) out.explanation = explanation
    if (decidedBy) out.decidedBy = decidedBy
    if (via && via.length) out.via = via
    if (this.trace) out.trace = this.trace
    return out
  }

  /** The whole check; throws `NotAtHand` when an answer is not at hand. */
  run(): CheckHostResult {
    const domain = normalizeName(this.input.domain)
    if (!validInitialDomain(domain)) {
      return this.finish(
        'none',
        `"${this.input.domain}" is not a valid domain name (RFC 7208 §4.3)`,
      )
    }
    try {
      const fetched = this.fetch(domain, 0, undefined, [])
      if (fetched.record === undefined) return this.finish('none', fetched.reason)
      // A syntax error in the checked domain's own record ends the check here, without a throw.
      const syntax = this.syntaxError(fetched.record, domain, [])
      if (syntax) return this.finish(syntax.result, syntax.reason, syntax.decidedBy, syntax.via)
      const outcome = this.evaluateTerms(fetched.record, domain, 0, [])
      let explanation: string | undefined
      if (outcome.result === 'fail' && outcome.expRecord?.exp) {
        explanation = this.explain(outcome.expRecord.exp.value, outcome.expDomain ?? domain)
      }
      return this.finish(
        outcome.result,
        outcome.reason,
        outcome.decidedBy,
        outcome.via,
        explanation,
      )
    } catch (err) {
      if (!(err instanceof Stop)) throw err
      return this.finish(err.result, err.reason, err.decidedBy, err.via)
    }
  }

  /**
   * The resolver's answer when it has it in memory, or one that came late in an earlier pass;
   * otherwise the query is sent and the pass stops with `NotAtHand`.
   */
  query<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> {
    const k = this.asked++
    const now = this.resolver.resolveSync?.(name, type)
    if (now !== undefined) return now
    this.late ??= new LateAnswers(this.resolver)
    const late = this.late.get(k, name, type)
    if (late instanceof Promise) throw new NotAtHand(late)
    return late
  }

  /** A resolver's answer, or the temperror it means. */
  checked<T extends RRType>(
    name: string,
    type: T,
    ref: TermRef | undefined,
    via: TermRef[],
  ): Answer<RecordTypes[T]> {
    const answer = this.query(name, type)
    if (answer.status === 'error') {
      throw new Stop('temperror', `DNS error looking up ${type} ${name}: ${answer.error}`, ref, via)
    }
    if (answer.status === 'unknown') {
      throw new Stop(
        'temperror',
        `no answer for ${type} ${name}: the name is outside the known zones and live DNS is off`,
        ref,
        via,
      )
    }
    return answer
  }

  /** Count a void answer (§4.6.4); over the limit is a permerror. */
  countVoid(ref: TermRef | undefined, via: TermRef[], what: string): void {
    this.voids++
    if (this.voids > this.maxVoids) {
      throw new Stop(
        'permerror',
        `${what} returned no records: void lookup ${this.voids}, over the limit of ${this.maxVoids} (RFC 7208 §4.6.4)`,
        ref,
        via,
      )
    }
  }

  /** Count a DNS-querying term (§4.6.4); over the limit is a permerror. */
  countLookup(ref: TermRef, via: TermRef[]): void {
    this.lookups++
    if (this.lookups > this.maxLookups) {
      throw new Stop(
        'permerror',
        `"${ref.term}" is DNS lookup ${this.lookups}, over the limit of ${this.maxLookups} (RFC 7208 §4.6.4)`,
        ref,
        via,
      )
    }
  }

  /** §4.4, §4.5: the one `v=spf1` TXT record of `domain`, or the reason there is none. */
  fetch(
    domain: string,
    depth: number,
    ref: TermRef | undefined,
    via: TermRef[],
  ): { record: SpfRecord; reason?: undefined } | { record?: undefined; reason: string } {
    if (!validName(domain)) return { reason: `"${domain}" is not a valid domain name` }
    const answer = this.checked(domain, 'TXT', ref, via)
    if (answer.status !== 'ok') {
      if (ref) this.countVoid(ref, via, `TXT ${domain}`)
      return {
        reason: `${domain} has no SPF record (${answer.status === 'nxdomain' ? 'the name does not exist' : 'no TXT records'})`,
      }
    }
    const records = answer.records
    let found: string | undefined
    let count = 0
    for (let k = 0; k < records.length; k++) {
      const text = (records[k] as TxtAnswer).text
      if (!isSpfRecordText(text)) continue
      count++
      found = text
    }
    if (count === 0) return { reason: `${domain} has no SPF record among its TXT records` }
    if (count > 1) {
      throw new Stop(
        'permerror',
        `${domain} has ${count} SPF records; publish exactly one (RFC 7208 §4.5)`,
        ref,
        via,
      )
    }
    const text = found as string
    const record = parsedRecords.get(text)
    if (record === null) {
      throw new Stop(
        'permerror',
        `the SPF record of ${domain} contains characters outside US-ASCII (RFC 7208 §3.1)`,
        ref,
        via,
      )
    }
    if (this.trace) this.note(depth, domain, `record "${text}"`)
    return { record }
  }

  /** §4.6: syntax first, then the terms (a nested record's syntax error stops the check). */
  evaluate(record: SpfRecord, domain: string, depth: number, via: TermRef[]): Outcome {
    const syntax = this.syntaxError(record, domain, via)
    if (syntax) throw syntax
    return this.evaluateTerms(record, domain, depth, via)
  }

  /** §4.6 for a record without syntax errors: mechanisms left to right, then redirect (§6.1). */
  evaluateTerms(record: SpfRecord, domain: string, depth: number, via: TermRef[]): Outcome {
    const terms = record.terms
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k] as Term
      if (term.type !== 'mechanism') continue
      // Address ranges and `all` need no DNS, and a term that does not match needs no reference.
      let ref: TermRef | undefined
      let matched = this.localMatch(term)
      if (matched === undefined) {
        ref = { term: term.text, domain, span: term.span }
        matched = this.mechanism(term, domain, depth, ref, via)
      }
      if (this.trace) this.note(depth, domain, matched ? 'match' : 'no match', term)
      if (matched) {
        ref ??= { term: term.text, domain, span: term.span }
        const result = QUALIFIER_RESULT[term.qualifier]
        const inner = term.name === 'include' ? this.included : undefined
        return {
          result,
          reason: inner
            ? `"${term.text}" in the SPF record of ${domain} matched (${inner.decidedBy?.term} in ${inner.decidedBy?.domain}): ${result}`
            : `"${term.text}" in the SPF record of ${domain} matched: ${result}`,
          decidedBy: inner?.decidedBy ?? ref,
          via: inner?.decidedBy ? inner.via : via,
          expRecord: record,
          expDomain: domain,
        }
      }
    }
    const redirect = record.redirect
    if (redirect) {
      const ref: TermRef = { term: redirect.text, domain, span: redirect.span }
      this.countLookup(ref, via)
      const target = this.target(redirect.value, domain)
      const nextVia = appended(via, ref)
      if (this.trace) this.note(depth, domain, `redirect to ${target}`, redirect)
      const fetched = this.fetch(target, depth + 1, ref, via)
      if (fetched.record === undefined) {
        throw new Stop('permerror', `${redirect.text}: ${fetched.reason} (RFC 7208 §6.1)`, ref, via)
      }
      // §6.1: the redirect target's result is this record's result, with its own exp= (§6.2).
      return this.evaluate(fetched.record, target, depth + 1, nextVia)
    }
    return {
      result: 'neutral',
      reason: `no mechanism in the SPF record of ${domain} matched; the default result is neutral (RFC 7208 §4.7)`,
      via,
    }
  }

  /** §4.6: the permerror of the record's first syntax error, if it has one. */
  syntaxError(record: SpfRecord, domain: string, via: TermRef[]): Stop | undefined {
    const problem = record.syntaxError
    return problem === undefined ? undefined : this.syntaxStop(record, problem, domain, via)
  }

  syntaxStop(record: SpfRecord, problem: SpfProblem, domain: string, via: TermRef[]): Stop {
    const term = record.terms.find(
      (t) => t.span.start <= problem.span.start && problem.span.end <= t.span.end,
    )
    const ref: TermRef = term
      ? { term: term.text, domain, span: problem.span }
      : {
          // A separator between terms belongs to no term: show the word it sits in.
          term: wordAround(record.text, problem.span.start, problem.span.end),
          domain,
          span: problem.span,
        }
    return new Stop(
      'permerror',
      `syntax error in the SPF record of ${domain}: ${problem.message}`,
      ref,
      via,
    )
  }

  /** Expand a target domain-spec (§4.8, §7.3); one without macros is only lower-cased. */
  target(ms: MacroString, domain: string): string {
    if (ms.macros.length === 0 && !ms.text.includes('%')) return normalizeName(ms.text)
    return normalizeName(expandMacroSync(ms, this.context(domain), { isExp: false }))
  }

  /** The result of a mechanism that needs no DNS (`all`, `ip4`, `ip6`), or undefined. */
  localMatch(mech: Mechanism): boolean | undefined {
    switch (mech.name) {
      case 'all':
        return true
      case 'ip4':
        return (
          this.ip.v === 4 && sameNet4(this.ip.n, parseIp4(mech.ip as string), mech.prefix4 ?? 32)
        )
      case 'ip6':
        return (
          this.ip.v === 6 &&
          sameNet6(this.ip.g, parseIp6(mech.ip as string) as number[], mech.prefix6 ?? 128)
        )
    }
    return undefined
  }

  /** The result of a mechanism that queries DNS (§5). */
  mechanism(mech: Mechanism, domain: string, depth: number, ref: TermRef, via: TermRef[]): boolean {
    switch (mech.name) {
      case 'include':
        return this.include(mech, domain, depth, ref, via)
      case 'a':
        return this.a(mech, domain, ref, via)
      case 'mx':
        return this.mx(mech, domain, ref, via)
      case 'ptr':
        return this.ptr(mech, domain, ref, via)
      case 'exists':
        return this.exists(mech, domain, ref, via)
      default:
        return this.localMatch(mech) as boolean
    }
  }

  /** §5.3 */
  a(mech: Mechanism, domain: string, ref: TermRef, via: TermRef[]): boolean {
    this.countLookup(ref, via)
    const name = mech.domainSpec ? this.target(mech.domainSpec, domain) : domain
    return this.matchAddresses(name, mech, ref, via)
  }

  /** §5.7 */
  exists(mech: Mechanism, domain: string, ref: TermRef, via: TermRef[]): boolean {
    this.countLookup(ref, via)
    const name = this.target(mech.domainSpec as MacroString, domain)
    if (!validName(name)) return false
    // §5.7: always an A query, whatever the client's address family.
    const answer = this.checked(name, 'A', ref, via)
    if (isVoidAnswer(answer)) {
      this.countVoid(ref, via, `A ${name}`)
      return false
    }
    return true
  }

  /** §5.2: pass matches; fail, softfail, neutral do not; none is a permerror; errors propagate. */
  include(mech: Mechanism, domain: string, depth: number, ref: TermRef, via: TermRef[]): boolean {
    this.countLookup(ref, via)
    const target = this.target(mech.domainSpec as MacroString, domain)
    const fetched = this.fetch(target, depth + 1, ref, via)
    if (fetched.record === undefined) {
      throw new Stop(
        'permerror',
        `${mech.text}: ${fetched.reason}; an include target without an SPF record is a permerror (RFC 7208 §5.2)`,
        ref,
        via,
      )
    }
    const outcome = this.evaluate(fetched.record, target, depth + 1, appended(via, ref))
    this.included = outcome
    return outcome.result === 'pass'
  }

  addressType(): 'A' | 'AAAA' {
    return this.ip.v === 4 ? 'A' : 'AAAA'
  }

  /** §5.3: does `name` have an address in the client's network (A for IPv4 only, AAAA for IPv6)? */
  matchAddresses(name: string, mech: Mechanism, ref: TermRef, via: TermRef[]): boolean {
    if (!validName(name)) return false
    const answer = this.checked(name, this.addressType(), ref, via)
    if (answer.status !== 'ok') {
      this.countVoid(ref, via, `${this.addressType()} ${name}`)
      return false
    }
    return this.anyInNet(answer.records, mech.prefix4 ?? 32, mech.prefix6 ?? 128)
  }

  anyInNet(addresses: string[], prefix4: number, prefix6: number): boolean {
    const ip = this.ip
    for (let k = 0; k < addresses.length; k++) {
      const text = addresses[k] as string
      if (ip.v === 4) {
        const n = parseIp4(text)
        if (n >= 0 && sameNet4(ip.n, n, prefix4)) return true
      } else {
        const g = parseIp6(text)
        if (g && sameNet6(ip.g, g, prefix6)) return true
      }
    }
    return false
  }

  /** §5.4: more than 10 MX records is a permerror (§4.6.4); no MX never falls back to A. */
  mx(mech: Mechanism, domain: string, ref: TermRef, via: TermRef[]): boolean {
    this.countLookup(ref, via)
    const name = mech.domainSpec ? this.target(mech.domainSpec, domain) : domain
    if (!validName(name)) return false
    const answer = this.checked(name, 'MX', ref, via)
    if (answer.status !== 'ok') {
      this.countVoid(ref, via, `MX ${name}`)
      return false
    }
    if (answer.records.length > MAX_MX) {
      throw new Stop(
        'permerror',
        `${name} has ${answer.records.length} MX records; "${mech.text}" may look up at most ${MAX_MX} (RFC 7208 §4.6.4)`,
        ref,
        via,
      )
    }
    const hosts =
      answer.records.length > 1 ? answer.records.slice().sort(byPreference) : answer.records
    for (let k = 0; k < hosts.length; k++) {
      const host = normalizeName((hosts[k] as MxAnswer).exchange)
      if (host === '') continue // a null MX (RFC 7505) names no host
      if (this.matchAddresses(host, mech, ref, via)) return true
    }
    return false
  }

  /**
   * The client's PTR names (first 10, §4.6.4), or null when the PTR query failed. The query is
   * sent once; each use of an empty answer is a void lookup, charged to `ref` (none for `%{p}`).
   */
  reverseNames(ref: TermRef | undefined, via: TermRef[]): string[] | null {
    if (this.ptrNames === undefined) {
      const answer = this.query(reverseName(this.ip), 'PTR')
      if (answer.status === 'ok')
        this.ptrNames = answer.records.slice(0, MAX_PTR).map(normalizeName)
      else if (answer.status === 'error' || answer.status === 'unknown') this.ptrNames = null
      else this.ptrNames = []
    }
    if (this.ptrNames?.length === 0) this.countVoid(ref, via, `PTR ${reverseName(this.ip)}`)
    return this.ptrNames
  }

  /**
   * Whether `name` has an address equal to the client's (§5.5 validation). A DNS error skips
   * the name; an empty answer is a void lookup, charged to `ref` (none for `%{p}`).
   */
  validates(name: string, ref: TermRef | undefined, via: TermRef[]): boolean {
    if (!validName(name)) return false
    const answer = this.query(name, this.addressType())
    if (answer.status !== 'ok') {
      if (isVoidAnswer(answer)) this.countVoid(ref, via, `${this.addressType()} ${name}`)
      return false
    }
    return this.anyInNet(answer.records, 32, 128)
  }

  /** §5.5: a validated PTR name equal to or under the target; a PTR failure is no match. */
  ptr(mech: Mechanism, domain: string, ref: TermRef, via: TermRef[]): boolean {
    this.countLookup(ref, via)
    const target = mech.domainSpec ? this.target(mech.domainSpec, domain) : domain
    const names = this.reverseNames(ref, via)
    if (names === null) return false
    for (let k = 0; k < names.length; k++) {
      const name = names[k] as string
      if (name !== target && !name.endsWith('.' + target)) continue
      if (this.validates(name, ref, via)) return true
    }
    return false
  }

  /** §7.3 `p`: a validated name, preferring the domain itself, then a subdomain, then any. */
  validatedDomain(domain: string): string {
    const names = this.reverseNames(undefined, [])
    this.validated ??= new Map()
    let hit = this.validated.get(domain)
    if (hit === undefined) {
      hit = this.findValidatedDomain(names, domain)
      this.validated.set(domain, hit)
    }
    return hit
  }

  findValidatedDomain(names: string[] | null, domain: string): string {
    if (!names || names.length === 0) return 'unknown'
    const ranked = names
      .filter((n) => n === domain)
      .concat(
        names.filter((n) => n !== domain && n.endsWith('.' + domain)),
        names.filter((n) => n !== domain && !n.endsWith('.' + domain)),
      )
    for (const name of ranked) if (this.validates(name, undefined, [])) return name
    return 'unknown'
  }

  /**
   * §6.2: the explanation for a fail. Any DNS problem, not exactly one TXT record, or a syntax
   * error in the text means no explanation; none of it counts toward the limits.
   */
  explain(ms: MacroString, domain: string): string | undefined {
    try {
      const name = this.target(ms, domain)
      if (!validName(name)) return undefined
      const answer = this.query(name, 'TXT')
      if (answer.status !== 'ok' || answer.records.length !== 1) return undefined
      const parsed = parsedExplanations.get((answer.records[0] as { text: string }).text)
      if (parsed === null) return undefined
      return expandMacroSync(parsed, this.context(domain), { isExp: true })
    } catch (err) {
      if (err instanceof Stop) return undefined
      throw err
    }
  }
}

/** `via` with `ref` after it, as a new list: each path keeps its own. */
function appended(via: TermRef[], ref: TermRef): TermRef[] {
  const out = via.slice()
  out.push(ref)
  return out
}

function byPreference(a: MxAnswer, b: MxAnswer): number {
  return a.preference - b.preference
}

const QUALIFIER_RESULT: Record<Mechanism['qualifier'], SpfResult> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
}

/** The reverse-lookup name of the client (§5.5): in-addr.arpa or nibbles under ip6.arpa. */
function reverseName(ip: Ip): string {
  if (ip.v === 4)
    return `${ip.n & 255}.${(ip.n >>> 8) & 255}.${(ip.n >>> 16) & 255}.${ip.n >>> 24}.in-addr.arpa`
  return `${nibbles(ip.g, '').split('.').reverse().join('.')}.ip6.arpa`
}

/**
 * The `i` macro for IPv6 (§7.3): 32 dot-separated nibbles. They keep the letter case in which
 * the address was given (the suite gives `CAFE:BABE::1` and expects `...E.B.A.B.E.F.A.C`; the
 * RFC's own example is lower case); DNS names are case-insensitive, so lookups are unaffected.
 */
function nibbles(g: number[], written: string): string {
  const digits = /[A-F]/.test(written) && !/[a-f]/.test(written) ? HEX_UPPER : HEX_LOWER
  const out: string[] = []
  for (let i = 0; i < 8; i++) {
    const group = g[i] as number
    out.push(
      digits[group >>> 12] as string,
      digits[(group >>> 8) & 15] as string,
      digits[(group >>> 4) & 15] as string,
      digits[group & 15] as string,
    )
  }
  return out.join('.')
}

const HEX_LOWER = '0123456789abcdef'
const HEX_UPPER = '0123456789ABCDEF'

/** The space-delimited word of `text` that holds [start, end). */
function wordAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf(' ', start - 1) + 1
  const next = text.indexOf(' ', end)
  return text.slice(from, next < 0 ? text.length : next)
}
