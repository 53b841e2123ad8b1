/**
 * The SPF record parser and the macro expander on arbitrary and mutated records: problems
 * located inside the record, no throw, bounded time; terms print and parse back the same.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { expandMacro, parseMacroString } from '../../src/spf/macro.js'
import type { MacroContext } from '../../src/spf/macro.js'
import { parseSpf } from '../../src/spf/parse.js'
import type { SpfProblem, SpfRecord } from '../../src/spf/types.js'
import { mutated, runs, settings, spfCorpus, timed, timedAsync } from './support.js'
import { rfcExampleContext } from '../support/macro-context.js'

const corpus = spfCorpus()

const term = fc.oneof(
  fc.constantFrom(
    'a',
    'mx',
    'ptr',
    'all',
    '-all',
    '~all',
    '?all',
    '+a',
    'a/24',
    'mx//64',
    'ip4:192.0.2.0/24',
    'ip6:2001:db8::/32',
    'include:_spf.example.com',
    'exists:%{ir}.%{l1r+-}._spf.%{d}',
    'redirect=_spf.example.com',
    'exp=explain.%{d2}',
    'unknown=%{x}',
    'a:%{d}.',
    '%%',
    '%{',
  ),
  fc.string({ maxLength: 20 }),
)
const record = fc.oneof(
  fc.array(term, { maxLength: 12 }).map((ts) => ['v=spf1', ...ts].join(' ')),
  mutated(corpus, 4),
  fc.string({ maxLength: 200 }).map((s) => `v=spf1 ${s}`),
)

function checkSpans(spf: SpfRecord): void {
  const inside = (span: { start: number; end: number }) => {
    expect(span.start).toBeGreaterThanOrEqual(0)
    expect(span.end).toBeGreaterThanOrEqual(span.start)
    expect(span.end).toBeLessThanOrEqual(spf.text.length)
  }
  spf.terms.forEach((t) => inside(t.span))
  spf.problems.forEach((p: SpfProblem) => inside(p.span))
}

const context: MacroContext = rfcExampleContext

describe('SPF parser', () => {
  test('arbitrary and mutated records: located problems, no throw, round trip', () => {
    expect(corpus.length).toBeGreaterThan(50)
    fc.assert(
      fc.property(record, (text) => {
        const spf = timed(() => parseSpf(text))
        checkSpans(spf)
        // Terms are what lies between spaces: printed one space apart, they parse the same.
        const printed = ['v=spf1', ...spf.terms.map((t) => t.text)].join(' ')
        if (!text.toLowerCase().startsWith('v=spf1 ') || /[^ -~]/.test(text)) return
        const again = parseSpf(printed)
        expect(again.terms.map((t) => [t.type, t.text])).toEqual(
          spf.terms.map((t) => [t.type, t.text]),
        )
      }),
      settings('spf-parse', runs(1000)),
    )
  })
})

describe('macro expander', () => {
  test('arbitrary macro-strings expand without throwing, domain-specs within 253', async () => {
    const macro = fc.oneof(
      fc
        .array(
          fc.constantFrom(
            '%{s}',
            '%{l}',
            '%{o}',
            '%{d}',
            '%{i}',
            '%{p}',
            '%{v}',
            '%{h}',
            '%{c}',
            '%{r}',
            '%{t}',
            '%{d2}',
            '%{ir}',
            '%{l-}',
            '%{d0r.-+,/_=}',
            '%{i99r}',
            '%%',
            '%_',
            '%-',
            'x.',
            'example',
            '.',
            '%{',
            '%',
            '}',
          ),
          { maxLength: 40 },
        )
        .map((p) => p.join('')),
      fc.string({ maxLength: 60 }),
    )
    await fc.assert(
      fc.asyncProperty(macro, fc.boolean(), async (text, explain) => {
        const problems: SpfProblem[] = []
        const parsed = parseMacroString(text, 0, text.length, problems, explain)
        if (problems.length) return
        const out = await timedAsync(() => expandMacro(parsed.value, context, { isExp: explain }))
        expect(typeof out).toBe('string')
        if (!explain && out.includes('.')) expect(out.length).toBeLessThanOrEqual(253)
      }),
      settings('macro-expand', runs(600)),
    )
  })
})
