/** The per-record summary of terms that several SPF3xx and SPF209 rules read. */
import { describe, expect, it } from 'vitest'
import type { ZoneRecord } from '../../src/model/record.js'
import type { SpfEntry } from '../../src/rules/types.js'
import {
  AFTER_ALL,
  ALL_NEUTRAL,
  ALL_PASS,
  HAS_ALL,
  HAS_IP,
  HAS_PTR,
  HAS_REDIRECT,
  termFacts,
} from '../../src/rules/util.js'
import { parseSpf } from '../../src/spf/parse.js'

const entry = (text: string): SpfEntry => ({
  record: { name: 'example.com' } as ZoneRecord,
  spf: parseSpf(text),
})

describe('termFacts', () => {
  it.each<[string, number]>([
    ['v=spf1', 0],
    ['v=spf1 -all', HAS_ALL],
    ['v=spf1 all', HAS_ALL | ALL_PASS],
    ['v=spf1 +all', HAS_ALL | ALL_PASS],
    ['v=spf1 ?all', HAS_ALL | ALL_NEUTRAL],
    ['v=spf1 ~all mx', HAS_ALL | AFTER_ALL],
    ['v=spf1 -all exp=explain.example.com', HAS_ALL],
    ['v=spf1 redirect=_spf.example.com', HAS_REDIRECT],
    ['v=spf1 a redirect=_spf.example.com -all', HAS_ALL | HAS_REDIRECT],
    ['v=spf1 ptr:example.com ip4:192.0.2.0/24 ip6:2001:db8::/32 -all', HAS_PTR | HAS_IP | HAS_ALL],
    ['v=spf1 -all ?all', HAS_ALL | AFTER_ALL | ALL_NEUTRAL],
  ])('%j', (text, expected) => {
    expect(termFacts([entry(text)])[0]).toBe(expected)
  })

  it('is made once per run and read by every rule', () => {
    const spf = [entry('v=spf1 -all'), entry('v=spf1 ptr -all')]
    expect(termFacts(spf)).toBe(termFacts(spf))
    expect([...termFacts(spf)]).toEqual([HAS_ALL, HAS_PTR | HAS_ALL])
  })
})
