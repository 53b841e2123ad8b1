import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectYamlKind, loadOctodns } from '../../../src/sources/octodns/index.js'
import { FIXTURES, context, covered, termPosition, where } from '../helpers.js'
import { HANG_MS } from '../../support/bounds.js'

const dir = (name: string) => path.join(FIXTURES, 'octodns', name)

async function load(name: string, files: string[]) {
  const root = dir(name)
  return loadOctodns(
    files.map((f) => path.join(root, f)),
    context(root),
  )
}

describe('octoDNS TXT offsets', () => {
  const cases = [
    { name: 'plain.example.com', term: 'include:_spf.example.net', line: 14, column: 34 },
    { name: 'plain.example.com', term: 'ip4:192.0.2.0/24', line: 14, column: 17 },
    { name: 'single.example.com', term: "'x'", line: 17, column: 35 },
    { name: 'single.example.com', term: 'include:_spf.example.net', line: 18, column: 5 },
    { name: 'dq.example.com', term: 'ip4:192.0.2.0/24', line: 5, column: 18 },
    { name: 'dq.example.com', term: 'include:_spf.example.net', line: 6, column: 5 },
    { name: 'folded.example.com', term: 'v=spf1', line: 10, column: 5 },
    { name: 'folded.example.com', term: 'include:_spf.example.net', line: 11, column: 5 },
  ]
  it.each(cases)('$term in $name at $line:$column', async ({ name, term, line, column }) => {
    const result = await load('scalars', ['example.com.yaml'])
    const record = result.records.find((r) => r.name === name)
    expect(record?.format).toBe('octodns')
    expect(termPosition(record!, term)).toEqual({ line, column })
  })

  it('joins folded and escaped line breaks as YAML does', async () => {
    const result = await load('scalars', ['example.com.yaml', 'notes.yaml'])
    expect(result.diagnostics).toEqual([])
    const texts = Object.fromEntries(result.records.map((r) => [r.name, r.txt?.text]))
    expect(texts).toEqual({
      'dq.example.com': 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all',
      'folded.example.com': 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all',
      'plain.example.com': 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all',
      'single.example.com': "v=spf1 ip4:192.0.2.0/24 'x' include:_spf.example.net -all",
    })
    const plain = result.records.find((r) => r.name === 'plain.example.com')!
    expect(plain.rdata).toBe('"v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all"')
    expect(plain.ttl).toBe(3600)
    expect(covered(plain.rdataLocation)).toBe(plain.txt!.text)
  })
})

describe('semicolons', () => {
  it('reports an unescaped ; at its column and unescapes \\;', async () => {
    const result = await load('semicolons', ['example.com.yaml'])
    const spf402 = result.diagnostics.filter((d) => d.code === 'SPF402')
    expect(spf402.map((d) => where(d.location))).toEqual(['example.com.yaml:4:18'])
    expect(covered(spf402[0]!.location)).toBe(';')
    const texts = Object.fromEntries(result.records.map((r) => [r.name, r.txt?.text]))
    expect(texts['_dmarc.ok.example.com']).toBe('v=DMARC1; p=none')
    expect(texts['_dmarc.example.com']).toBe('v=DMARC1; p=reject; rua=mailto:dmarc@example.com')
    // octoDNS's rule needs a word character before ';'
    expect(texts['spaced.example.com']).toBe('v=DMARC1 ; p=none')
    const ok = result.records.find((r) => r.name === '_dmarc.ok.example.com')!
    const semicolon = ok.txt!.text.indexOf(';')
    expect(
      covered({
        ...ok.rdataLocation,
        start: ok.txt!.offsets[semicolon]!,
        end: ok.txt!.offsets[semicolon + 1]!,
      }),
    ).toBe('\\;')
  })
})

describe('pre-chunked values', () => {
  const cases = [
    {
      value: `'"v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"'`,
      text: 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all',
      term: 'include:',
      column: 39,
    },
    {
      value: `v=spf1 include:a.example " "-all`,
      text: 'v=spf1 include:a.example -all',
      term: '-all',
      column: 38,
    },
  ]
  it.each(cases)('$value', async ({ value, text, term, column }) => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const root = await mkdtemp(path.join(tmpdir(), 'octodns-'))
    await writeFile(path.join(root, 'example.com.yaml'), `'':\n  type: TXT\n  value: ${value}\n`)
    const result = await loadOctodns([path.join(root, 'example.com.yaml')], context(root))
    const record = result.records[0]!
    expect(record.txt!.text).toBe(text)
    expect(termPosition(record, term)).toEqual({ line: 3, column })
  })

  it('splits long values into 255-octet strings', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const root = await mkdtemp(path.join(tmpdir(), 'octodns-'))
    const long = `v=spf1 ${Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`
    await writeFile(path.join(root, 'example.com.yaml'), `'':\n  type: TXT\n  value: ${long}\n`)
    const result = await loadOctodns([path.join(root, 'example.com.yaml')], context(root))
    const txt = result.records[0]!.txt!
    expect(txt.strings.map((s) => s.length)).toEqual([255, 255, long.length - 510])
    expect(txt.text).toBe(long)
    expect(result.records[0]!.rdata).toBe(
      [long.slice(0, 255), long.slice(255, 510), long.slice(510)].map((s) => `"${s}"`).join(' '),
    )
  })
})

describe('main configuration and split directories', () => {
  it('reads the zones a YamlProvider holds', async () => {
    const result = await load('split', ['config/production.yaml'])
    const records = result.records.map((r) => `${r.name} ${r.ttl} ${r.type} ${r.rdata}`).sort()
    expect(records).toEqual([
      'example.com 600 MX 10 mx1.example.com.',
      'example.com 600 TXT "google-site-verification=abc123"',
      'example.com 600 TXT "v=spf1 mx include:_spf.google.com ~all"',
      'mail.example.com 300 A 192.0.2.25',
      'mail.example.com 600 TXT "v=spf1 ptr -all"',
    ])
    expect(result.records.every((r) => r.zone === 'example.com')).toBe(true)
    const missing = result.diagnostics.map((d) => [d.code, where(d.location)])
    expect(missing).toEqual([['SPF403', 'config/production.yaml:17:3']])
    const suppression = result.suppressions[0]!
    expect(suppression).toMatchObject({
      rules: ['SPF209'],
      reason: 'legacy relay',
      scope: { line: 7 },
    })
  })

  it('detects file kinds by content', () => {
    expect(detectYamlKind('config/production.yaml', 'providers: {}\nzones: {}\n')).toBe(
      'octodns-config',
    )
    expect(detectYamlKind('z/example.com.yaml', "'':\n  type: TXT\n  value: x\n")).toBe(
      'octodns-zone',
    )
    expect(detectYamlKind('z/example.yaml', "'':\n  type: TXT\n  value: x\n")).toBe('other')
    expect(detectYamlKind('z/corp.zone.yaml', 'zone: corp.example\nrecords: []\n')).toBe('native')
    expect(detectYamlKind('.github/workflows/ci.yaml', 'on: push\njobs: {}\n')).toBe('other')
  })
})

// What octoDNS itself refuses in values, reported where it is written; the records that can
// be read are kept.
describe('values octoDNS refuses', () => {
  it.each<[string, string, [string, string][], string[], string[]]>([
    [
      'addresses that are not addresses: the record is not read',
      'addresses',
      [
        ['6:9', 'A value "192.0.2.300" is not an IPv4 address: octoDNS rejects it'],
        ['8:12', 'AAAA value "2001:db8::g" is not an IPv6 address: octoDNS rejects it'],
        ['13:10', 'A value "192.0.02.25" is not an IPv4 address: octoDNS rejects it'],
      ],
      ['A', 'AAAA'],
      ['example.com A 192.0.2.10', 'v6.example.com AAAA 2001:db8::25'],
    ],
    [
      'names without their trailing dot: read as the absolute names they mean',
      'targets',
      [
        [
          '7:19',
          'MX exchange "mail.example.com" has no trailing ".": octoDNS rejects it; write "mail.example.com."',
        ],
        [
          '23:10',
          'CNAME value "example.com" has no trailing ".": octoDNS rejects it; write "example.com."',
        ],
      ],
      ['ALIAS', 'MX', 'CNAME'],
      [
        'example.com ALIAS lb.example.net.',
        'example.com MX 10 mail.example.com.',
        'example.com MX 20 mx2.example.com.',
        'nomail.example.com MX 0 .',
        'www.example.com CNAME example.com.',
      ],
    ],
  ])('%s', async (_title, fixture, diagnostics, types, records) => {
    const result = await load(fixture, ['example.com.yaml'])
    expect(result.diagnostics.map((d) => [d.code, where(d.location), d.message])).toEqual(
      diagnostics.map(([at, message]) => ['SPF401', `example.com.yaml:${at}`, message]),
    )
    const read = result.records.filter((r) => types.includes(r.type))
    expect(read.map((r) => `${r.name} ${r.type} ${r.rdata}`)).toEqual(records)
  })
})

describe('YAML-level problems', () => {
  it('reports duplicate names (also differing in case) and keeps the last', async () => {
    const result = await load('dupes', ['example.com.yaml'])
    const dupes = result.diagnostics.filter((d) => d.message.startsWith('duplicate'))
    expect(dupes.map((d) => [d.code, where(d.location)])).toEqual([
      ['SPF401', 'example.com.yaml:5:1'],
      ['SPF401', 'example.com.yaml:11:1'],
    ])
    expect(dupes[1]!.message).toContain('same DNS name as "www"')
    const rdata = result.records.map((r) => `${r.name} ${r.rdata}`)
    expect(rdata).toEqual(['example.com "v=spf1 ip4:192.0.2.2 -all"', 'www.example.com 192.0.2.81'])
  })

  it('never expands an alias bomb', async () => {
    const started = performance.now()
    const result = await load('bomb', ['octodns.yaml'])
    expect(performance.now() - started).toBeLessThan(HANG_MS)
    const bad = result.diagnostics.filter((d) => d.message === 'TXT value must be a string')
    expect(bad).toHaveLength(10)
    expect(new Set(bad.map((d) => where(d.location)))).toEqual(new Set(['example.com.yaml:5:7']))
    expect(result.records).toEqual([])
  })

  it('bounds aliases through merge keys', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const root = await mkdtemp(path.join(tmpdir(), 'octodns-'))
    const levels = ['a: &a {type: TXT, value: x}']
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name}\n  <<: [${Array(10).fill(`*${prev}`).join(', ')}]`)
    }
    await writeFile(path.join(root, 'example.com.yaml'), levels.join('\n') + '\n')
    const config =
      'providers:\n  zones: {class: octodns.provider.yaml.YamlProvider, directory: .}\nzones:\n  example.com.: {sources: [zones]}\n'
    await writeFile(path.join(root, 'octodns.yaml'), config)
    const result = await loadOctodns([path.join(root, 'octodns.yaml')], context(root))
    expect(
      result.diagnostics.some(
        (d) => d.code === 'SPF401' && /too many YAML aliases/.test(d.message),
      ),
    ).toBe(true)
  })

  const yaml11 = [
    { line: 4, column: 10, pattern: /"on" is read by PyYAML .* a boolean/ },
    { line: 10, column: 10, pattern: /"0x1F" is read by PyYAML .* an integer/ },
    { line: 11, column: 1, pattern: /record name "no" .* a boolean/ },
    { line: 20, column: 31, pattern: /ends this value at " #"/ },
  ]
  it.each(yaml11)('YAML 1.1 surprise at $line:$column', async ({ line, column, pattern }) => {
    const result = await load('yaml11', ['example.com.yaml'])
    const found = result.diagnostics.filter((d) => pattern.test(d.message))
    expect(found.map((d) => [d.code, where(d.location)])).toEqual([
      ['SPF401', `example.com.yaml:${line}:${column}`],
    ])
  })

  it('reads octal TTLs as PyYAML does and leaves ordinary comments alone', async () => {
    const result = await load('yaml11', ['example.com.yaml'])
    expect(result.records.find((r) => r.name === 'octal.example.com')?.ttl).toBe(192)
    expect(
      result.diagnostics.filter((d) => d.location.file.position(d.location.start).line === 7),
    ).toEqual([])
    expect(result.records.find((r) => r.name === 'truncated.example.com')?.txt?.text).toBe(
      'v=spf1 ip4:192.0.2.1',
    )
  })

  it('reports YAML that is not YAML and goes on with the other files', async () => {
    const result = await load('broken', ['example.com.yaml', 'example.org.yaml'])
    expect(result.diagnostics.map((d) => [d.code, where(d.location)])).toEqual([
      ['SPF401', 'example.com.yaml:4:18'],
    ])
    expect(result.diagnostics[0]!.message).toContain('"\\\\;"')
    expect(result.records.map((r) => r.name)).toEqual(['example.org'])
  })
})
