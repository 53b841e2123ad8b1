import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadNative } from '../../../src/sources/native/index.js'
import { detectYamlKind } from '../../../src/sources/octodns/index.js'
import { FIXTURES, context, termPosition, where } from '../helpers.js'

const root = path.join(FIXTURES, 'native')
const load = (...names: string[]) =>
  loadNative(
    names.map((n) => path.join(root, n)),
    context(root),
  )

describe('native zones', () => {
  it('reads records with canonical rdata', async () => {
    const result = await load('corp.zone.yaml')
    expect(result.diagnostics).toEqual([])
    expect(result.records.map((r) => `${r.name} ${r.ttl} ${r.type} ${r.rdata}`)).toEqual([
      'corp.example 3600 TXT "v=spf1 include:_spf.corp.example -all"',
      'corp.example 3600 MX 10 mx1.corp.example.',
      'corp.example 3600 MX 20 mx2.corp.example.',
      '_spf.corp.example 3600 TXT "v=spf1 ip4:192.0.2.0/24 " "ip6:2001:db8::/32 -all"',
      'long.corp.example 300 TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all"',
    ])
    expect(result.records.every((r) => r.format === 'native' && r.zone === 'corp.example')).toBe(
      true,
    )
  })

  const terms = [
    { name: 'corp.example', term: 'include:', line: 7, column: 19 },
    { name: '_spf.corp.example', term: 'ip4:', line: 14, column: 17 },
    { name: '_spf.corp.example', term: 'ip6:', line: 15, column: 10 },
    { name: 'long.corp.example', term: 'include:', line: 21, column: 7 },
  ]
  it.each(terms)('$term of $name at $line:$column', async ({ name, term, line, column }) => {
    const result = await load('corp.zone.yaml')
    const record = result.records.find((r) => r.name === name && r.type === 'TXT')!
    expect(termPosition(record, term)).toEqual({ line, column })
  })

  it('locates schema errors at the node and keeps the valid records', async () => {
    const result = await load('bad.zone.yaml', 'corp.zone.yaml')
    const errors = result.diagnostics.map((d) => [d.code, where(d.location), d.message])
    expect(errors).toEqual([
      ['SPF404', 'bad.zone.yaml:2:6', 'ttl must be an integer, not "one hour"'],
      [
        'SPF404',
        'bad.zone.yaml:4:5',
        'records[0] needs exactly one of "value", "values", "strings"',
      ],
      ['SPF404', 'bad.zone.yaml:9:5', 'unknown key "tll" in records[1]; did you mean "ttl"?'],
      [
        'SPF404',
        'bad.zone.yaml:11:11',
        'records[2].type must be one of TXT, SPF, MX, A, AAAA, CNAME, NS, not "MXX"; did you mean "MX"?',
      ],
    ])
    const bad = result.records.filter((r) => r.zone === 'bad.example')
    expect(bad.map((r) => `${r.name} ${r.ttl} ${r.rdata}`)).toEqual([
      'ok.bad.example 3600 192.0.2.1',
    ])
    expect(result.records.filter((r) => r.zone === 'corp.example')).toHaveLength(5)
  })

  it('refuses A and AAAA values that are not addresses and keeps the rest', async () => {
    const result = await load('addresses.zone.yaml')
    expect(result.diagnostics.map((d) => [d.code, where(d.location), d.message])).toEqual([
      ['SPF404', 'addresses.zone.yaml:3:48', 'A value "192.0.2.300" is not an IPv4 address'],
      ['SPF404', 'addresses.zone.yaml:4:37', 'AAAA value "2001:db8::g" is not an IPv6 address'],
      ['SPF404', 'addresses.zone.yaml:5:35', 'A value "192.0.02.25" is not an IPv4 address'],
    ])
    const addresses = result.records.filter((r) => r.type === 'A' || r.type === 'AAAA')
    expect(addresses.map((r) => `${r.name} ${r.type} ${r.rdata}`)).toEqual([
      'addresses.example A 192.0.2.10',
      'v6.addresses.example AAAA 2001:db8::25',
    ])
  })

  it('refuses an alias bomb', async () => {
    const result = await load('bomb.zone.yaml')
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['SPF401', 'too many YAML aliases (a resource exhaustion attack?); the file was not read'],
    ])
  })

  it('is detected by its top-level keys', () => {
    expect(detectYamlKind('corp.zone.yaml', 'zone: corp.example\nrecords: []\n')).toBe('native')
  })
})
