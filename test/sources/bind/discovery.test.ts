import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inferOrigin, isBindZoneFileName, loadBindFiles } from '../../../src/sources/bind/index.js'
import { APEX, parseText } from './helpers.js'

describe('isBindZoneFileName', () => {
  it.each([
    'example.com.zone',
    'internal.zone',
    'db.example.com',
    'db.192.168.1',
    'example.com.db',
    'example.com.hosts',
    'example.com.fwd',
    '1.168.192.in-addr.arpa.rev',
  ])('accepts %s', (name) => expect(isBindZoneFileName(name)).toBe(true))

  it.each([
    'named.conf',
    'named.conf.local',
    'db.root',
    'named.ca',
    'db.json',
    'db.ts',
    'app.db',
    'zone.yaml',
    'README.md',
    '.zone',
  ])('rejects %s', (name) => expect(isBindZoneFileName(name)).toBe(false))
})

describe('inferOrigin', () => {
  it('prefers a leading $ORIGIN, after comments and $TTL', () => {
    expect(inferOrigin('zones/whatever.zone', '; c\n$TTL 300\n$ORIGIN Corp.Example.\n')).toBe(
      'corp.example',
    )
  })
  it.each([
    ['db.example.com', 'example.com'],
    ['zones/example.com.zone', 'example.com'],
    ['example.com.db', 'example.com'],
    ['example.com', 'example.com'],
    ['example.com.', 'example.com'],
  ])('reads %s as %s', (file, origin) => expect(inferOrigin(file, 'x A 192.0.2.1\n')).toBe(origin))
  it('gives up on names that are not domains', () => {
    expect(inferOrigin('internal.zone', 'x A 192.0.2.1\n')).toBeNull()
    expect(inferOrigin('x.zone', '@ SOA ns h 1 2 3 4 5\n$ORIGIN late.example.\n')).toBeNull()
  })
})

describe('loadBindFiles', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'spf-lint-bind-load-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reads included candidates only through their includer, with its origin', async () => {
    mkdirSync(path.join(root, 'zones'))
    const main = path.join(root, 'zones', 'db.example.com')
    const part = path.join(root, 'zones', 'mail.example.org.zone')
    writeFileSync(main, APEX + '$INCLUDE zones/mail.example.org.zone mail\n')
    writeFileSync(part, 'spf TXT "v=spf1 -all"\n')
    const result = await loadBindFiles([main, part], { root, cwd: root })
    expect(result.diagnostics).toEqual([])
    expect(
      result.records.filter((r) => r.type === 'TXT').map((r) => `${r.zone} ${r.name}`),
    ).toEqual(['example.com spf.mail.example.com'])
    expect(result.files.map((f) => f.path)).toEqual([
      'zones/db.example.com',
      'zones/mail.example.org.zone',
    ])
  })

  it('reports a file whose zone cannot be told', async () => {
    const file = path.join(root, 'internal.zone')
    writeFileSync(file, 'x TXT "x"\n')
    const result = await loadBindFiles([file], { root, cwd: root })
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SPF401'])
  })
})

describe('suppression comments', () => {
  it('collects next-line and file suppressions with rules and reasons', () => {
    const result = parseText(
      APEX +
        '; spf-lint-disable-file SPF101 -- generated file\n' +
        '\n' +
        '; spf-lint-disable-next-line SPF209 ptr-mechanism -- legacy relay, removed in Q3\n' +
        '; an ordinary comment in between\n' +
        'relay TXT "v=spf1 ptr -all"\n' +
        'multi TXT ( "v=spf1 "\n' +
        '  ; spf-lint-disable-next-line\n' +
        '  "ptr -all" )\n',
    )
    const apexLines = APEX.split('\n').length - 1
    expect(
      result.suppressions.map((s) => ({ rules: s.rules, scope: s.scope, reason: s.reason })),
    ).toEqual([
      { rules: ['SPF101'], scope: 'file', reason: 'generated file' },
      {
        rules: ['SPF209', 'ptr-mechanism'],
        scope: { line: apexLines + 5 },
        reason: 'legacy relay, removed in Q3',
      },
      { rules: [], scope: { line: apexLines + 8 }, reason: undefined },
    ])
  })

  it('ignores look-alikes', () => {
    const result = parseText(
      APEX + '; spf-lint-disable-nextline SPF101\nx TXT "; spf-lint-disable-file"\n',
    )
    expect(result.suppressions).toEqual([])
  })
})

describe('zone semantics as BIND loads them', () => {
  it('uses the SOA MINIMUM when there is no TTL at all, then RFC 1035 carry-over', () => {
    const result = parseText(
      '$ORIGIN example.com.\n@ SOA ns h 1 2 3 4 60\n@ NS ns.example.net.\nx 300 TXT "a"\ny TXT "b"\n',
    )
    expect(result.diagnostics).toEqual([])
    expect(result.records.map((r) => r.ttl)).toEqual([60, 60, 300, 60])
  })

  it('reports a record with no TTL available', () => {
    const result = parseText('$ORIGIN example.com.\nx TXT "a"\n')
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/no TTL specified/),
    ])
  })

  it('reports a CNAME with other data once, at the second record', () => {
    const result = parseText(APEX + 'x CNAME y\nx TXT "a"\nx A 192.0.2.1\n')
    expect(result.diagnostics.map((d) => d.location.file.position(d.location.start).line)).toEqual([
      APEX.split('\n').length + 1,
    ])
  })
})
