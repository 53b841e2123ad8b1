import { describe, expect, test } from 'vitest'
import {
  expandMacro,
  parseMacroString,
  truncateDomain,
  type MacroContext,
  urlEscape,
} from '../../src/spf/macro.js'
import type { SpfProblem } from '../../src/spf/types.js'
import { rfcExampleContext } from '../support/macro-context.js'

// RFC 7208 §7.4 examples: sender strong-bad@email.example.com, IP 192.0.2.3 / 2001:db8::cb01.
const base: MacroContext = rfcExampleContext
const v6: MacroContext = {
  ...base,
  ipDotted: '2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1',
  ipReadable: '2001:db8::cb01',
  ipVersion: 'ip6',
}

async function expand(text: string, ctx = base, isExp = false): Promise<string> {
  const problems: SpfProblem[] = []
  const parsed = parseMacroString(text, 0, text.length, problems, isExp)
  expect(problems).toEqual([])
  return expandMacro(parsed.value, ctx, { isExp })
}

describe('expansion (RFC 7208 §7.4 examples)', () => {
  const cases: [string, string, MacroContext?][] = [
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
    [
      '%{ir}.%{v}._spf.%{d2}',
      '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
      v6,
    ],
    ['%{p}.x.example', 'mx.example.org.x.example'],
    ['a%%b%_c%-d.example', 'a%b c%20d.example'],
  ]
  test.each(cases)('%s', async (text, want, ctx) => {
    expect(await expand(text, ctx)).toBe(want)
  })

  test('upper-case letters are URL-escaped (§7.3)', async () => {
    const ctx = { ...base, localPart: '~jack&jill=up-a_b3.c' }
    expect(await expand('l=%{L}', ctx, true)).toBe('l=~jack%26jill%3Dup-a_b3.c')
  })

  test('c, r, t are expanded in explanation text', async () => {
    expect(await expand('%{c} %{r} %{t}', base, true)).toBe(
      '192.0.2.3 mx.receiver.example 1700000000',
    )
    expect(await expand('%{c}', v6, true)).toBe('2001:db8::cb01')
  })

  test('domain results lose a trailing dot and are truncated to 253 from the left (§7.3)', async () => {
    expect(await expand('%{d}.d.example.')).toBe('email.example.com.d.example')
    const long = `${'a'.repeat(60)}.`.repeat(5) + 'example.com'
    expect(truncateDomain(long)).toBe(`${'a'.repeat(60)}.`.repeat(3) + 'example.com')
    expect(truncateDomain(long).length).toBeLessThanOrEqual(253)
  })

  test('explanation text keeps its trailing dot', async () => {
    expect(await expand('This is a test.', base, true)).toBe('This is a test.')
  })
})

describe('macro syntax', () => {
  const bad: [string, string][] = [
    ['%', '%'],
    ['%a', '%a'],
    ['%{', '%{'],
    ['%{}', '%{}'],
    ['%{q}', '%{q}'],
    ['%{d0}', '%{d0}'],
    ['%{d2x}', '%{d2x}'],
    ['%{c}', '%{c}'],
  ]
  test.each(bad)('%s is invalid outside explanations', (text, span) => {
    const problems: SpfProblem[] = []
    parseMacroString(text, 0, text.length, problems, false)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ kind: 'invalid-macro', permerror: true })
    const p = problems[0] as SpfProblem
    expect(text.slice(p.span.start, p.span.end)).toBe(span)
  })

  test('spaces are allowed only in explanation text', () => {
    const problems: SpfProblem[] = []
    expect(parseMacroString('a b', 0, 3, problems, true).badChar).toBe(-1)
    expect(parseMacroString('a b', 0, 3, problems, false).badChar).toBe(1)
  })
})

describe('urlEscape', () => {
  test.each([
    ['plain.example-host_1~', 'plain.example-host_1~'],
    ['', ''],
    ['a b', 'a%20b'],
    ["it's(*)!", 'it%27s%28%2A%29%21'],
    ['jack&jill=up', 'jack%26jill%3Dup'],
    ['é', '%C3%A9'],
    ['/:@', '%2F%3A%40'],
  ])('%j becomes %j (RFC 3986 unreserved characters stay)', (value, escaped) => {
    expect(urlEscape(value)).toBe(escaped)
  })
})
