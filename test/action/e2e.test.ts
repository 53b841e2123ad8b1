/**
 * The committed bundle, run as the runner runs it, in throwaway git repositories: a shallow
 * clone of a pull request's head, with the base only on the origin.
 */
import { existsSync, readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import type { Command } from './harness.js'
import { startDnsServer } from '../support/dns-server.js'
import {
  BUNDLE,
  commands,
  git,
  plainRepo,
  pullRequestRepo,
  runAction,
  runActionAsync,
} from './harness.js'

/** A zone for corp.example whose `_spf` record has `hosts` a: terms. */
function corpZone(hosts: number, extra = ''): string {
  const names = Array.from({ length: hosts }, (_, i) => `h${i + 1}`)
  return [
    '$ORIGIN corp.example.',
    '$TTL 1h',
    '@     SOA ns1.corp.example. hostmaster.corp.example. 1 2h 1h 14d 5m',
    '      NS  ns1.corp.example.',
    '      MX  10 mail.corp.example.',
    'ns1   A   192.0.2.1',
    'mail  A   192.0.2.25',
    '@     TXT "v=spf1 include:_spf.corp.example mx -all"',
    `_spf  TXT "v=spf1 ${names.map((n) => `a:${n}.corp.example`).join(' ')} -all"`,
    ...names.map((n, i) => `${n}    A   192.0.2.${10 + i}`),
    extra,
    '',
  ].join('\n')
}

/** A zone with one SPF error that no pull request below touches. */
const OTHER_ZONE = [
  '$ORIGIN other.example.',
  '$TTL 1h',
  '@     SOA ns1.other.example. hostmaster.other.example. 1 2h 1h 14d 5m',
  '      NS  ns1.other.example.',
  'ns1   A   192.0.2.1',
  '@     TXT "v=spf1 ip4:192.0.2.0/24 nclude:_spf.other.example -all"',
  '',
].join('\n')

const CLEAN_ZONE = corpZone(2)

function annotations(run: { stdout: string }, level?: string): Command[] {
  return commands(run.stdout).filter(
    (c) => ['error', 'warning', 'notice'].includes(c.name) && (!level || c.name === level),
  )
}

function titles(run: { stdout: string }): string[] {
  return annotations(run).map((c) => c.properties.title ?? '')
}

describe('the action bundle', () => {
  it('exists (npm run bundle)', () => {
    expect(existsSync(BUNDLE)).toBe(true)
  })

  it('ships the license of every package bundled in it', () => {
    // The bundler writes this file per output chunk: a package split into a chunk of its own
    // would leave the others out.
    const names = readFileSync('dist/licenses.txt', 'utf8').split('\n')
    for (const name of ['@actions/core', 'ajv', 'picomatch', 'yaml']) expect(names).toContain(name)
  })

  it('passes a clean repository, writes outputs, summary, report and SARIF', () => {
    const repo = plainRepo({ 'zones/db.corp.example': CLEAN_ZONE })
    const run = runAction(repo, { paths: 'zones/**/db.*', 'sarif-file': 'out/spf.sarif' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(annotations(run, 'error')).toEqual([])
    expect(run.outputs).toMatchObject({ errors: '0', warnings: '0', notices: '0' })
    expect(run.outputs['sarif-file']).toBe(`${repo}/out/spf.sarif`)
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'] as string, 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const schema = JSON.parse(
      readFileSync('test/fixtures/sarif/sarif-2.1.0-subset.schema.json', 'utf8'),
    )
    expect(ajv.validate(schema, sarif), JSON.stringify(ajv.errors)).toBe(true)
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'))
    expect(report.records.map((r: { name: string }) => r.name).sort()).toEqual([
      '_spf.corp.example',
      'corp.example',
    ])
    expect(run.summary).toContain('## spf-lint')
    expect(run.summary).toContain('<code>corp.example</code>')
    expect(run.summary).toMatch(/\| 4\/10 \|/)
  })

  it('fails on errors, with one annotation per finding and the failure last', () => {
    const repo = plainRepo({
      'zones/db.corp.example': CLEAN_ZONE,
      'zones/db.other.example': OTHER_ZONE,
    })
    const run = runAction(repo, {})
    expect(run.status).toBe(1)
    const errors = annotations(run, 'error')
    const column = (OTHER_ZONE.split('\n')[5] as string).indexOf('nclude:') + 1
    expect(errors[0]).toMatchObject({
      properties: {
        title: 'SPF101 unknown-mechanism',
        file: 'zones/db.other.example',
        line: '6',
        col: String(column),
        endColumn: String(column + 'nclude'.length - 1),
      },
    })
    expect(errors[0]?.message).toContain('"nclude:_spf.other.example"')
    expect(errors.at(-1)?.message).toMatch(/^spf-lint: 1 error\(s\).*fail-on: error/)
    expect(run.outputs.errors).toBe('1')
    expect(run.summary).toContain(
      `[line 6](https://github.com/octo-org/zones/blob/${git(repo, 'rev-parse', 'HEAD')}/zones/db.other.example#L6)`,
    )
  })

  it('with live: true, asks the configured server for names outside the repository', async () => {
    const server = await startDnsServer({
      zones: ['provider.test'],
      records: [{ name: '_spf.provider.test', type: 'TXT', strings: ['v=spf1 a mx -all'] }],
    })
    try {
      const zone = corpZone(1).replace('mx -all"', 'include:_spf.provider.test -all"')
      const repo = plainRepo({
        'zones/db.corp.example': zone,
        '.spf-lint.yml': `live:\n  servers: ["${server.address}"]\n`,
      })
      const run = await runActionAsync(repo, { paths: 'zones', live: 'true' })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      expect(server.queries.count('_spf.provider.test', 'TXT')).toBe(1)
      const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'))
      const corp = report.records.find((r: { name: string }) => r.name === 'corp.example')
      // include _spf (1) + a (1), then include:_spf.provider.test (1) + its a and mx (2).
      expect(corp).toMatchObject({ lookups: 5 })
      expect(corp.lookupsLowerBound).toBe(false)
    } finally {
      await server.close()
    }
  })

  it('follows fail-on', () => {
    const repo = plainRepo({ 'zones/db.other.example': OTHER_ZONE })
    expect(runAction(repo, { 'fail-on': 'never' }).status).toBe(0)
    const warningsOnly = plainRepo({
      'zones/db.corp.example': CLEAN_ZONE.replace('mx -all"', 'mx ?all"'),
    })
    expect(runAction(warningsOnly, { 'fail-on': 'error' }).status).toBe(0)
    const strict = runAction(warningsOnly, { 'fail-on': 'warning' })
    expect(strict.status).toBe(1)
    expect(titles(strict)).toContain('SPF302 neutral-all')
    const bad = runAction(warningsOnly, { 'fail-on': 'sometimes' })
    expect(bad.status).toBe(1)
    expect(annotations(bad, 'error')[0]?.message).toContain('input "fail-on" is "sometimes"')
  })

  it('fails when it finds no zone to read, even with fail-on: never', () => {
    const repo = plainRepo({ 'zones/corp': CLEAN_ZONE, 'README.md': '# zones\n' })
    const run = runAction(repo, { paths: 'zones', 'fail-on': 'never' })
    expect(run.status).toBe(1)
    expect(annotations(run, 'error').at(-1)?.message).toMatch(
      /^spf-lint: no zone files found: spf-lint reads \*\.zone.*; 1 file looks like a zone by content \(zones\/corp\): name the files in "paths"$/,
    )
    // Named as a file, the same zone is read.
    expect(runAction(repo, { paths: 'zones/corp', 'fail-on': 'never' }).status).toBe(0)
  })

  it('keeps the runner limits and says how many more there are', () => {
    const lines = Array.from(
      { length: 14 },
      (_, i) => `n${i} TXT "v=spf1 nclude:x${i}.example -all"`,
    )
    const repo = plainRepo({ 'zones/db.other.example': `${OTHER_ZONE}${lines.join('\n')}\n` })
    const run = runAction(repo, { 'sarif-file': 'spf.sarif' })
    expect(run.status).toBe(1)
    const errors = annotations(run, 'error')
    const notices = annotations(run, 'notice')
    expect(errors.length).toBeLessThanOrEqual(10)
    expect(errors.at(-1)?.message).toMatch(/^spf-lint: 15 error/)
    expect(notices.length).toBeLessThanOrEqual(10)
    expect(notices.at(-1)?.message).toMatch(/^6 more results are not annotated \(6 errors\)/)
    expect(notices.at(-1)?.message).toContain('the SARIF file (spf.sarif)')
    expect(run.outputs.errors).toBe('15')
  })

  describe('on a pull request', () => {
    const base = { 'zones/db.corp.example': corpZone(2), 'zones/db.other.example': OTHER_ZONE }
    const head = { 'zones/db.corp.example': corpZone(10) }

    it('reports lookups before and after, fetching the base into a shallow clone', () => {
      const pr = pullRequestRepo(base, head)
      const run = runAction(pr.workspace, { 'fail-on': 'never' }, pr)
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      const budget = annotations(run, 'notice').filter(
        (c) => c.properties.title === 'spf-lint lookup budget',
      )
      expect(budget.map((c) => c.message).sort()).toEqual([
        '_spf.corp.example: 2 -> 10 lookups (+8)',
        'corp.example: 4 -> 12 lookups (+8) (through _spf.corp.example)',
      ])
      // Both notices sit on the changed line: the _spf record's.
      for (const c of budget)
        expect(c.properties).toMatchObject({ file: 'zones/db.corp.example', line: '9' })
      expect(run.summary).toContain('corp.example: 4 -&gt; 12 lookups (+8)')
      const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'))
      expect(report.baseline).toHaveLength(2)
    })

    it('only-changed: lines keeps findings on changed lines and on records they reach', () => {
      const pr = pullRequestRepo(base, head)
      const run = runAction(pr.workspace, { 'only-changed': 'lines' }, pr)
      expect(run.status).toBe(1)
      const t = titles(run)
      // corp.example's own line did not change; its include target did.
      expect(t).toContain('SPF201 too-many-lookups')
      expect(t).not.toContain('SPF101 unknown-mechanism')
      expect(run.summary).toMatch(/1 finding outside the pull request's changes is not shown/)
      const all = runAction(pr.workspace, { 'only-changed': 'none' }, pr)
      expect(titles(all)).toContain('SPF101 unknown-mechanism')
    })

    it('only-changed: files keeps findings in changed files', () => {
      const pr = pullRequestRepo(base, {
        'zones/db.corp.example': corpZone(2, 'extra TXT "v=spf1 ?all"'),
      })
      const run = runAction(pr.workspace, { 'only-changed': 'files', 'fail-on': 'warning' }, pr)
      const t = titles(run)
      expect(t).toContain('SPF302 neutral-all')
      expect(t).not.toContain('SPF101 unknown-mechanism')
      expect(run.outputs.errors).toBe('0')
      expect(run.status).toBe(1)
    })

    it('says it needs history when the base cannot be fetched', () => {
      const pr = pullRequestRepo(base, head)
      const run = runAction(
        pr.workspace,
        { 'only-changed': 'lines' },
        {
          base: 'f'.repeat(40),
          head: pr.head,
        },
      )
      const warning = annotations(run, 'warning').find((c) => c.properties.title === 'spf-lint')
      expect(warning?.message).toContain('fetch-depth: 0')
      expect(titles(run)).toContain('SPF101 unknown-mechanism')
    })
  })

  it('cannot be made to obey commands or break the summary from zone content', () => {
    const hostile =
      '@ TXT "v=spf1 ::error::forged %0A::warning::x \\010::notice::forged2 ' +
      '<script>alert(1)</script> a|b \\027[31mred ##[error]legacy -all"'
    const repo = plainRepo({
      'zones/db.other.example': OTHER_ZONE.replace(
        '@     TXT "v=spf1 ip4:192.0.2.0/24 nclude:_spf.other.example -all"',
        hostile,
      ),
    })
    const run = runAction(repo, { 'sarif-file': 'spf.sarif' })
    expect(run.status).toBe(1)
    expect(run.stdout).not.toContain('\u001b')
    for (const c of commands(run.stdout)) {
      expect(['error', 'warning', 'notice']).toContain(c.name)
      expect(c.properties.title ?? c.message).toMatch(/^(SPF\d{3} [a-z-]+|spf-lint)/)
    }
    const forged = annotations(run).filter((c) => c.message.startsWith('forged'))
    expect(forged).toEqual([])
    const unknown = annotations(run, 'error').find(
      (c) => c.properties.title === 'SPF101 unknown-mechanism',
    )
    expect(unknown?.message).toContain('::error::forged')
    expect(run.summary).not.toContain('<script>')
    expect(run.summary).not.toContain('\u001b')
    expect(run.summary).toContain('&lt;script&gt;')
    for (const row of run.summary.split('\n').filter((l) => l.startsWith('|')))
      expect(row.split('|').length).toBe(6)
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'] as string, 'utf8'))
    expect(sarif.runs[0].results.length).toBeGreaterThan(0)
  })

  it('lints examples/ outside a pull request', () => {
    const run = runAction(process.cwd(), { paths: 'examples', 'fail-on': 'never' })
    expect(run.status).toBe(0)
    expect(Number(run.outputs.errors)).toBeGreaterThan(0)
  })
})
