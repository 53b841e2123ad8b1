import { describe, expect, test } from 'vitest'
import { parseSpf } from '../../src/spf/parse.js'
import {
  hasSyntaxError,
  type Mechanism,
  type Modifier,
  type SpfProblemKind,
} from '../../src/spf/types.js'

/** The span of the `nth` occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): { start: number; end: number } {
  let start = -1
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1)
  if (start < 0) throw new Error(`"${needle}" not in "${text}"`)
  return { start, end: start + needle.length }
}

describe('valid records', () => {
  const valid: [string, number][] = [
    ['v=spf1', 0],
    ['v=spf1 -all', 1],
    ['v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.com ~all', 4],
    ['v=spf1 a mx a:mail.example.com/24//64 mx:example.org//64 ptr ptr:example.com -all', 7],
    ['v=spf1 exists:%{ir}.%{l1r-}.%{d2}.sbl.example.com ?all', 2],
    ['v=spf1 a:foo:bar/baz.example.com a:foo.example.xn--zckzah a:%{H}.bar', 3],
    ['v=spf1 redirect=_spf.example.com', 1],
    ['v=spf1 -all exp=explain.%{d}', 2],
    ['v=spf1 moo.cow-far_out=man:dog/cat default=+ -all', 3],
    ['v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all', 2],
  ]
  test.each(valid)('%s', (text, terms) => {
    const record = parseSpf(text)
    expect(record.terms).toHaveLength(terms)
    expect(hasSyntaxError(record)).toBe(false)
    expect(record.terms.every((t) => t.type !== 'unknown')).toBe(true)
  })

  test('terms and parts carry exact spans', () => {
    const text =
      'v=spf1 -include:_spf.example.com a:mail.example.com/24//64 ip4:192.0.2.0/24 redirect=x.example'
    const record = parseSpf(text)
    expect(record.versionSpan).toEqual({ start: 0, end: 6 })
    const [inc, a, ip4, red] = record.terms as [Mechanism, Mechanism, Mechanism, Modifier]
    expect(inc).toMatchObject({ name: 'include', qualifier: '-', qualifierExplicit: true })
    expect(inc.span).toEqual(at(text, '-include:_spf.example.com'))
    expect(inc.domainSpec?.span).toEqual(at(text, '_spf.example.com'))
    expect(a).toMatchObject({
      name: 'a',
      qualifier: '+',
      qualifierExplicit: false,
      prefix4: 24,
      prefix6: 64,
    })
    expect(a.domainSpec?.text).toBe('mail.example.com')
    expect(a.prefixSpan).toEqual(at(text, '/24//64'))
    expect(ip4).toMatchObject({ ip: '192.0.2.0', prefix4: 24 })
    expect(ip4.ipSpan).toEqual(at(text, '192.0.2.0'))
    expect(red).toMatchObject({ name: 'redirect', value: { text: 'x.example' } })
    expect(record.redirect).toBe(red)
  })

  test.each([
    ['v=spf1 -all', undefined],
    ['v=spf1 include:a.example ~all', undefined],
    ['v=spf1 ip4:192.0.2.1,ip4:192.0.2.2 mx -all', 'invalid-separator'],
    ['v=spf1 a mx foo:bar -all', 'unknown-mechanism'],
    // Only warnings: upper case and a trailing space are legal.
    ['v=spf1 MX -all ', undefined],
  ])('%s: the first syntax error is kept on the record', (text, kind) => {
    const record = parseSpf(text)
    expect(record.syntaxError?.kind).toBe(kind)
    expect(record.syntaxError).toBe(record.problems.find((p) => p.permerror))
    expect(hasSyntaxError(record)).toBe(kind !== undefined)
  })

  test('macros are parsed with their transformers and spans', () => {
    const text = 'v=spf1 exists:%{ir}.%{L2r-+}.%{d}.x.example'
    const mech = parseSpf(text).terms[0] as Mechanism
    expect(mech.domainSpec?.macros).toEqual([
      { letter: 'i', reverse: true, delimiters: '', urlEscape: false, span: at(text, '%{ir}') },
      {
        letter: 'l',
        digits: 2,
        reverse: true,
        delimiters: '-+',
        urlEscape: true,
        span: at(text, '%{L2r-+}'),
      },
      { letter: 'd', reverse: false, delimiters: '', urlEscape: false, span: at(text, '%{d}') },
    ])
  })
})

type Case = [
  record: string,
  kind: SpfProblemKind,
  spanText: string,
  permerror: boolean,
  message?: RegExp,
]

const invalid: Case[] = [
  [
    'v=spf1 nclude:_spf.corp.example -all',
    'unknown-mechanism',
    'nclude',
    true,
    /unknown mechanism "nclude:_spf.corp.example"; did you mean "include:"\?/,
  ],
  ['v=spf1 ipv4:192.0.2.1 -all', 'unknown-mechanism', 'ipv4', true, /did you mean "ip4:"/],
  ['v=spf1 prt -all', 'unknown-mechanism', 'prt', true, /did you mean "ptr"/],
  ['v=spf1 redirect:x.example', 'unknown-mechanism', 'redirect', true, /did you mean "redirect="/],
  ['v=spf1 moo.cow/far_out=man:dog/cat', 'unknown-mechanism', 'moo', true],
  ['v=spf1 1up=foo', 'unknown-mechanism', '1up=', true, /must start with a letter/],
  ['v=spf1 =all', 'unknown-mechanism', '=', true],
  ['v=spf1 -redirect=x.example', 'unknown-mechanism', '-', true, /no qualifier/],
  ['v=spf1 ip4:192.0.2.1/24-all', 'invalid-separator', '-', true, /"-all" is glued/],
  ['v=spf1 ip4:192.0.2.1,ip4:192.0.2.2 -all', 'invalid-separator', ',', true, /comma/],
  ['v=spf1 a; -all', 'invalid-separator', ';', true, /semicolon/],
  ['v=spf1 a\t-all', 'invalid-separator', '\t', true, /tab/],
  ['v=spf1 a:ctrl.example.com\rptr -all', 'invalid-separator', '\r', true],
  ['v=spf1 -allinclude:x.example', 'invalid-separator', 'i', true, /"include:x.example" is glued/],
  ['v=spf1 include:a.example,include:b.example -all', 'invalid-separator', ',', false],
  ['v=spf1 ip4:192.0.2.300', 'invalid-ip', '192.0.2.300', true, /over 255/],
  ['v=spf1 ip4:1.2.3', 'invalid-ip', '1.2.3', true, /3 octets/],
  ['v=spf1 ip4:1.2.3.4/33', 'invalid-ip', '33', true, /over 32/],
  ['v=spf1 ip4:1.2.3.4/032', 'invalid-ip', '032', true, /leading zero/],
  ['v=spf1 ip4:1.2.3.4//32', 'invalid-ip', '//32', true],
  ['v=spf1 ip4:1.2.3.4:8080', 'invalid-ip', '1.2.3.4:8080', true, /port/],
  ['v=spf1 ip4:2001:db8::1', 'invalid-ip', '2001:db8::1', true, /write "ip6:2001:db8::1"/],
  ['v=spf1 ip4:fe80::1%eth0', 'invalid-ip', 'fe80::1%eth0', true, /"ip6:fe80::1" \(without/],
  ['v=spf1 ip4', 'invalid-ip', 'ip4', true, /no address/],
  ['v=spf1 ip6:::1.1.1.1/129', 'invalid-ip', '129', true, /over 128/],
  ['v=spf1 ip6::CAFE::BABE', 'invalid-ip', ':CAFE::BABE', true],
  ['v=spf1 ip6:192.0.2.1', 'invalid-ip', '192.0.2.1', true, /write "ip4:192.0.2.1"/],
  ['v=spf1 a/33 -all', 'invalid-ip', '33', true],
  ['v=spf1 a/24/64 -all', 'invalid-ip', '/24/64', true, /a\/24\/\/64/],
  ['v=spf1 mx//129', 'invalid-ip', '129', true],
  ['v=spf1 include:', 'invalid-domain-spec', 'include:', true, /has no domain/],
  ['v=spf1 exists', 'invalid-domain-spec', 'exists', true],
  ['v=spf1 ptr:', 'invalid-domain-spec', 'ptr:', true],
  ['v=spf1 exp=', 'invalid-domain-spec', 'exp=', true],
  [
    'v=spf1 a:111.222.33.44',
    'invalid-domain-spec',
    '111.222.33.44',
    true,
    /write "ip4:111.222.33.44"/,
  ],
  ['v=spf1 a:abc.123', 'invalid-domain-spec', '123', true, /all digits/],
  ['v=spf1 a:museum', 'invalid-domain-spec', 'museum', true, /two labels/],
  ['v=spf1 a:example.-com', 'invalid-domain-spec', '-com', true],
  ['v=spf1 mx:example.com:8080', 'invalid-domain-spec', 'com:8080', true, /port/],
  ['v=spf1 a:foo-bar -all', 'invalid-domain-spec', 'foo-bar', true],
  ['v=spf1 redirect=-all ?all', 'invalid-domain-spec', '-all', true],
  ['v=spf1 a:foo.example.com\0', 'invalid-domain-spec', '\0', true, /U\+0000/],
  ['v=spf1 a:mail.example...com -all', 'invalid-domain-spec', '..', false, /empty label/],
  [
    `v=spf1 a:${'x'.repeat(64)}.example.com`,
    'invalid-domain-spec',
    'x'.repeat(64),
    false,
    /over 63/,
  ],
  ['v=spf1 exists:%(ir).sbl.example.com', 'invalid-macro', '%(', true],
  ['v=spf1 exists:foo%.sbl.example.com', 'invalid-macro', '%.', true],
  ['v=spf1 a:%{x}.example.com', 'invalid-macro', '%{x}', true, /not a macro letter/],
  ['v=spf1 a:%{d0}.example.com', 'invalid-macro', '%{d0}', true, /zero/],
  ['v=spf1 a:%{d2!}.example.com', 'invalid-macro', '%{d2!}', true, /delimiter/],
  ['v=spf1 a:%{d.example.com', 'invalid-macro', '%{d.example.com', true, /unterminated/],
  ['v=spf1 -all exp=%{r}.example.com', 'invalid-macro', '%{r}', true, /only in explanation/],
  ['v=spf1 exists:%{c}.example.com', 'invalid-macro', '%{c}', true],
  ['v=spf1 -all foo=%abc', 'invalid-macro', '%a', true],
  ['v=spf1 -all:foobar', 'unexpected-argument', ':foobar', true],
  ['v=spf1 -all.', 'unexpected-argument', '.', true],
  ['v=spf1 -all/8', 'unexpected-argument', '/8', true],
  ['v=spf1 ptr/0 -all', 'unexpected-argument', '/0', true],
  ['v=spf1 include:x.example/24 -all', 'unexpected-argument', '/24', true, /no prefix length/],
  ['v=spf1 exists:mail.example.com/24', 'unexpected-argument', '/24', true],
  [
    'v=spf1 redirect=a.example -all redirect=b.example',
    'duplicate-modifier',
    'redirect=b.example',
    true,
  ],
  ['v=spf1 exp=a.example -all exp=b.example', 'duplicate-modifier', 'exp=b.example', true],
  [
    'v=spf1 include=_spf.example.com -all',
    'unknown-modifier',
    'include=',
    false,
    /did you mean "include:_spf.example.com"/,
  ],
  ['v=spf1 redirct=x.example', 'unknown-modifier', 'redirct=', false, /did you mean "redirect="/],
  ['v=spf1 default=pass', 'unknown-modifier', 'default=', false, /ignored by receivers/],
  ['V=SPF1 -all', 'uppercase', 'V=SPF1', false],
  ['v=spf1 INCLUDE:x.example -ALL', 'uppercase', 'INCLUDE', false],
  ['v=spf1 a  -all', 'extra-whitespace', ' ', false],
  ['v=spf1 -all ', 'extra-whitespace', ' ', false, /trailing/],
  ['v=spf1 ip4:192.0.2.1/24 -all', 'host-bits-set', '192.0.2.1/24', false],
  ['v=spf1 ip6:2001:db8::1/32 -all', 'host-bits-set', '2001:db8::1/32', false],
]

describe('problems: kind, exact span, permerror', () => {
  test.each(invalid)('%j → %s', (text, kind, spanText, permerror, message) => {
    const record = parseSpf(text)
    const problem = record.problems.find((p) => p.kind === kind)
    expect(problem, JSON.stringify(record.problems)).toBeDefined()
    if (!problem) return
    // Occurrence after the version tag, so "-" in "-all" is not confused with "v=spf1".
    const from = kind === 'uppercase' && spanText.startsWith('V') ? 0 : 6
    const start = text.indexOf(spanText, spanText === ' ' ? problem.span.start : from)
    expect(problem.span).toEqual({ start, end: start + spanText.length })
    expect(text.slice(problem.span.start, problem.span.end)).toBe(spanText)
    expect(problem.permerror).toBe(permerror)
    expect(hasSyntaxError(record)).toBe(record.problems.some((p) => p.permerror))
    if (message) expect(problem.message).toMatch(message)
  })
})

describe('splitting', () => {
  test('a comma splits terms and each is parsed', () => {
    const record = parseSpf('v=spf1 ip4:192.0.2.1,ip4:192.0.2.2 -all')
    expect(record.terms.map((t) => t.text)).toEqual(['ip4:192.0.2.1', 'ip4:192.0.2.2', '-all'])
  })
  test('a domain with "-" is not split', () => {
    const record = parseSpf('v=spf1 include:a.example-all')
    expect(record.terms.map((t) => t.text)).toEqual(['include:a.example-all'])
    expect(record.problems).toEqual([])
  })
  test('repeated spaces are located on the extra spaces', () => {
    const text = 'v=spf1 a   -all'
    expect(parseSpf(text).problems).toMatchObject([
      { kind: 'extra-whitespace', span: { start: 9, end: 11 } },
    ])
  })
})
