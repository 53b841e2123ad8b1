/** Every rule in the registry has fixtures, in the formats where the format matters. */
import { describe, expect, it } from 'vitest'
import { rules } from '../../src/rules/index.js'
import { listCases } from './fixtures.js'
import type { RuleCase } from './fixtures.js'

/** Rules whose behaviour depends on how octoDNS writes records: they need an octoDNS case. */
const OCTODNS_RULES = [
  'SPF001',
  'SPF306',
  'SPF307',
  'SPF308',
  'SPF309',
  'SPF402',
  'SPF405',
  'SPF501',
  'SPF502',
  'SPF503',
  'SPF504',
]

/** Rules a BIND zone file cannot trigger, and why. */
const NOT_IN_BIND: Record<string, string> = {
  SPF005: 'BIND refuses a character-string over 255 octets: the file does not load (SPF401)',
  SPF402: 'semicolons need escaping only in octoDNS values',
  SPF404: 'only native YAML zones and the configuration have a schema',
}

const isBind = (file: string) => /(^|\/)(db\.[^/]+|[^/]+\.zone)$/.test(file)
const isOctodns = (file: string) => /(^|\/)[^/]+\.[^/]+\.yaml$/.test(file) && !isNative(file)
const isNative = (file: string) => file.endsWith('.zone.yaml')

function hasFile(cases: RuleCase[], test: (file: string) => boolean): boolean {
  return cases.some((c) => !c.valid && c.files.some(test))
}

describe('rule fixtures', () => {
  it.each(rules.map((r) => r.code))('%s has valid and invalid cases', (code) => {
    const cases = listCases(code)
    expect(cases.filter((c) => c.valid).length, `${code}: valid cases`).toBeGreaterThan(0)
    expect(cases.filter((c) => !c.valid).length, `${code}: invalid cases`).toBeGreaterThan(0)
  })

  it.each(rules.map((r) => r.code).filter((code) => !(code in NOT_IN_BIND)))(
    '%s has an invalid BIND zone case',
    (code) => {
      expect(hasFile(listCases(code), isBind)).toBe(true)
    },
  )

  it.each(Object.keys(NOT_IN_BIND))('%s has a BIND zone case all the same', (code) => {
    expect(listCases(code).some((c) => c.files.some(isBind))).toBe(true)
  })

  it.each(OCTODNS_RULES)('%s has an invalid octoDNS case', (code) => {
    expect(hasFile(listCases(code), isOctodns)).toBe(true)
  })

  // SPF404 is about native YAML zones and the configuration; octoDNS problems are SPF401.
  it('SPF404 has an invalid native YAML case', () => {
    expect(hasFile(listCases('SPF404'), isNative)).toBe(true)
  })
})
