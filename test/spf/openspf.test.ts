/**
 * The OpenSPF RFC 7208 test suite: every case is a test of its own, run through check_host()
 * over a MemoryResolver built from the scenario's zonedata. Nothing is skipped.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { MemoryResolver } from '../../src/dns/memory.js'
import type { Answer, RecordTypes, RRType } from '../../src/dns/resolver.js'
import { checkHost } from '../../src/spf/evaluate.js'
import { CountingResolver } from '../support/counting-resolver.js'
import { checkHostInput, loadSuite } from './openspf-suite.js'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/openspf/${name}`, import.meta.url))

const scenarios = loadSuite(fixture('rfc7208-tests.yml'))

test('the suite has 203 cases in 16 scenarios', () => {
  expect(scenarios.length).toBe(16)
  expect(scenarios.reduce((n, s) => n + s.cases.length, 0)).toBe(203)
})

for (const scenario of scenarios) {
  describe(scenario.description, () => {
    for (const c of scenario.cases) {
      test(c.id, async () => {
        const resolver = new MemoryResolver(scenario.zonedata)
        const got = await checkHost(checkHostInput(c), resolver)
        expect(c.results, `${got.result}: ${got.reason}`).toContain(got.result)
        if (c.explanation !== undefined) expect(got.explanation ?? 'DEFAULT').toBe(c.explanation)
      })
    }
  })
}

/** The same answers, at once. */
class AtOnceResolver extends CountingResolver {
  resolveSync<T extends RRType>(name: string, type: T): Answer<RecordTypes[T]> | undefined {
    this.asked.push(`${type} ${name}`)
    return this.inner.resolveSync?.(name, type)
  }
}

test('answers that come later give the same results from the same queries', async () => {
  for (const scenario of scenarios) {
    for (const c of scenario.cases) {
      const later = new CountingResolver(new MemoryResolver(scenario.zonedata))
      const atOnce = new AtOnceResolver(new MemoryResolver(scenario.zonedata))
      const options = { now: 1_700_000_000, trace: true }
      const got = await checkHost(checkHostInput(c), later, options)
      expect(got, c.id).toEqual(await checkHost(checkHostInput(c), atOnce, options))
      expect(later.asked, c.id).toEqual(atOnce.asked)
    }
  }
})

/**
 * The older RFC 4408 suite lists, for most cases that RFC 7208 changed, both the RFC 4408 answer
 * (first, "preferred") and the RFC 7208 one. Every case must give an accepted result; exactly the
 * cases below must differ from the RFC 4408 preferred result, each for the RFC 7208 change named.
 */
const RFC7208_CHANGES: Record<string, string> = {
  spfonly: 'SPF RR type 99 is no longer queried, only TXT (RFC 7208 §3.1, §4.4): none',
  txttimeout: 'only the TXT query counts, and its timeout is a temperror (RFC 7208 §4.4)',
  spfoverride: 'a type-99 record no longer overrides the TXT record (RFC 7208 §4.4, §4.5)',
  multitxt1: 'with type 99 ignored, two v=spf1 TXT records are a permerror (RFC 7208 §4.5)',
  multispf2: 'two type-99 records are ignored; the single TXT record decides (RFC 7208 §4.5)',
  'invalid-domain-empty-label':
    'an empty label in a target name is a non-existent name, not a syntax error (RFC 7208 §4.3, §4.8; the RFC 7208 suite prefers fail)',
  'invalid-domain-long':
    'a label over 63 octets in a target name is a non-existent name (RFC 7208 §4.3, §4.8; the RFC 7208 suite prefers fail)',
  'invalid-domain-long-via-macro':
    'the same, for a label made long by macro expansion (RFC 7208 §4.3, §4.8, §7.3)',
  'exists-dnserr': 'a DNS error during evaluation is a temperror (RFC 7208 §5, §4.6.4)',
  'mx-limit': 'more than 10 MX records is a permerror (RFC 7208 §4.6.4)',
}

describe('RFC 4408 suite', () => {
  const old = loadSuite(fixture('rfc4408-tests.yml'))
  const differing: string[] = []

  test('the suite has 191 cases', () => {
    expect(old.reduce((n, s) => n + s.cases.length, 0)).toBe(191)
  })

  for (const scenario of old) {
    describe(scenario.description, () => {
      for (const c of scenario.cases) {
        test(c.id, async () => {
          const got = await checkHost(checkHostInput(c), new MemoryResolver(scenario.zonedata))
          expect(c.results, `${got.result}: ${got.reason}`).toContain(got.result)
          if (c.explanation !== undefined) expect(got.explanation ?? 'DEFAULT').toBe(c.explanation)
          if (got.result !== c.results[0]) differing.push(c.id)
          expect(
            got.result === c.results[0],
            `${c.id}: ${RFC7208_CHANGES[c.id] ?? 'unexpected'}`,
          ).toBe(!(c.id in RFC7208_CHANGES))
        })
      }
    })
  }

  test('exactly the RFC 7208 changes differ from the RFC 4408 preferred results', () => {
    expect(differing.sort()).toEqual(Object.keys(RFC7208_CHANGES).sort())
  })
})
