import { readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { runCli } from '../support/run-cli.js'
import { VERSION } from '../../src/version.js'

const schema = JSON.parse(readFileSync('schemas/report.schema.json', 'utf8'))
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema)
const golden = (name: string) => path.join('test/golden', name)
const update = process.env.UPDATE_GOLDEN === '1'

function compareGolden(name: string, actual: string): void {
  if (update) writeFileSync(golden(name), actual)
  expect(actual).toBe(readFileSync(golden(name), 'utf8'))
}

describe('spf-lint on the shipped examples', () => {
  for (const example of ['bind', 'octodns', 'native']) {
    it(`prints the expected text report for examples/${example}`, async () => {
      const run = await runCli([`examples/${example}`])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(1)
      compareGolden(`examples-${example}.txt`, run.stdout)
    })

    it(`prints one JSON document valid against the report schema for examples/${example}`, async () => {
      const run = await runCli(['--format', 'json', `examples/${example}`])
      const report = JSON.parse(run.stdout)
      const ok = validate(report)
      expect(validate.errors ?? []).toEqual([])
      expect(ok).toBe(true)
      expect(report.summary.errors).toBeGreaterThan(0)
      expect(run.code).toBe(1)
      compareGolden(`examples-${example}.json`, run.stdout)
    })
  }

  it('reports every SPF record with its lookup count, flagged as a lower bound offline', async () => {
    const run = await runCli(['--format', 'json', 'examples/bind'])
    const report = JSON.parse(run.stdout)
    const apex = report.records.find((r: { name: string }) => r.name === 'corp.example')
    expect(apex).toMatchObject({
      file: 'examples/bind/zones/db.corp.example',
      line: 16,
      lookups: 2,
      lookupsLowerBound: true,
    })
    expect(apex.record).toBe('v=spf1 include:_spf.corp.example include:_spf.google.com ~all')
    const spf = report.records.find((r: { name: string }) => r.name === '_spf.corp.example')
    expect(spf).toMatchObject({ lookups: 0, lookupsLowerBound: false, voidLookups: 0 })
  })

  it('counts MX hosts without an address in the tree, valid against the report schema', async () => {
    const zone = 'test/fixtures/rules/SPF203/invalid-mx-hosts.zone'
    const report = JSON.parse((await runCli(['--format', 'json', zone])).stdout)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    const apex = report.records.find((r: { name: string }) => r.name === 'example.com')
    expect(apex).toMatchObject({ lookups: 3, voidLookups: 3 })
    expect(apex.tree.children[1]).toMatchObject({
      term: 'mx:relay.example.com',
      status: 'ok',
      mxNames: 3,
      voidHosts: 2,
      voidLookups: 2,
      detail: 'MX hosts with no address: old1.example.com, old2.example.com',
    })
  })
})

describe('exit status and usage', () => {
  function repo(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'spf-lint-cli-'))
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
      writeFileSync(path.join(dir, name), text)
    }
    return dir
  }
  const header =
    '$ORIGIN ok.example.\n$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns.example.net.\n'

  it('exits 0 when there is no error-severity finding', async () => {
    const dir = repo({
      'db.ok.example': `${header}@ MX 10 mx.ok.example.\nmx A 192.0.2.1\n@ TXT "v=spf1 mx -all"\n`,
    })
    const run = await runCli(['--root', dir, dir])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^No problems in 1 SPF record across 1 file\.\n$/)
  })

  it('lints a repository named outside the working directory, with that folder as the root', async () => {
    const dir = repo({ 'db.ok.example': `${header}@ TXT "v=spf1 +all"\n` })
    const run = await runCli([dir])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('db.ok.example:5:15: error')
  })

  it('reads zones with unusual names only when asked to look at content (--by-content)', async () => {
    const dir = repo({
      'primary/corp': `${header}@ TXT "v=spf1 +all"\n`,
      'README.md': '$TTL is explained in RFC 2308\n',
      notes: 'nothing to see here\n',
    })
    const byName = await runCli(['--root', dir, dir])
    expect(byName.stdout).toMatch(/^No zone files found: .*--by-content/)
    // Nothing read is not a clean run: a renamed folder must not pass unnoticed. The files that
    // --by-content would read are named (README.md and notes are not zones by content).
    expect(byName.code).toBe(2)
    expect(byName.stderr).toMatch(
      /^spf-lint: no zone files found: .*; 1 file looks like a zone by content \(\S*primary\/corp\): use --by-content\n$/,
    )
    const json = await runCli(['--format', 'json', '--fail-on', 'never', '--root', dir, dir])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).summary).toMatchObject({ errors: 0 })
    const byContent = await runCli(['--by-content', '--root', dir, dir])
    expect(byContent.code).toBe(1)
    expect(byContent.stdout).toContain('primary/corp:5:15: error')
    expect(byContent.stdout).toContain('in 1 file ')
  })

  it('exits 2 when it reads no zone, a configuration file being no zone', async () => {
    const dir = repo({ '.spf-lint.yml': 'rules:\n  SPF202: off\n', 'notes.txt': 'hello\n' })
    const run = await runCli(['--root', dir, dir])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^spf-lint: no zone files found: .*; name the files\n$/)
  })

  it('exits 1 when an error is found', async () => {
    const dir = repo({ 'db.ok.example': `${header}@ TXT "v=spf1 +all"\n` })
    const run = await runCli(['--root', dir, dir])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('[SPF301 permissive-all]')
  })

  it.each([
    [['--format', 'yaml', '.'], /unknown format "yaml"/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['does/not/exist'], /does\/not\/exist: no such file or directory/],
    [
      ['--root', 'no/such/root', '.'],
      /the root ".*no\/such\/root" cannot be read: no such directory/,
    ],
    [['check-host', '--sender', 'a@b.example'], /--ip/],
    [['check-host', '--ip', '192.0.2.1'], /--sender/],
  ])('exits 2 with a one-line message and no stack trace for %j', async (argv, message) => {
    const run = await runCli(argv)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stdout).toBe('')
  })

  it('follows a usage error with the usage lines, not the whole help', async () => {
    const run = await runCli(['--format', 'yaml', '.'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^spf-lint: unknown format "yaml".*\n\nUsage: spf-lint /)
    expect(run.stderr).toContain('Run "spf-lint --help" for every option.')
    expect(run.stderr).not.toContain('Options:')
  })

  it('exits 0 on the examples under --fail-on never, with the same report', async () => {
    const run = await runCli(['--fail-on', 'never', 'examples/bind'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(readFileSync(golden('examples-bind.txt'), 'utf8'))
  })

  it.each([
    ['never', 0],
    ['error', 0],
    ['warning', 1],
    ['notice', 1],
  ])('--fail-on %s on a zone with one warning exits %i', async (level, code) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spf-lint-fail-on-'))
    const zone = [
      '$ORIGIN corp.example.',
      '$TTL 3600',
      '@ SOA ns1 hostmaster 1 7200 3600 1209600 3600',
      '@ NS ns1',
      'ns1 A 192.0.2.53',
      '@ MX 10 mail',
      'mail A 192.0.2.25',
      '@ TXT "v=spf1 mx ?all"',
    ]
    writeFileSync(path.join(dir, 'db.corp.example'), zone.join('\n') + '\n')
    const report = JSON.parse((await runCli(['--format', 'json', '--root', dir, dir])).stdout)
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1, notices: 0 })
    const run = await runCli(['--fail-on', level, '--root', dir, dir])
    expect(run.code).toBe(code)
    expect(run.stdout).toContain('SPF302')
  })

  it('refuses an unknown --fail-on level', async () => {
    const run = await runCli(['--fail-on', 'sometimes', 'examples/bind'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'unknown --fail-on "sometimes"; use one of error, warning, notice, never',
    )
  })

  it('prints help and version', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: spf-lint/)
    const version = await runCli(['--version'])
    expect(version.stdout).toBe(`${VERSION}\n`)
    expect(JSON.parse(readFileSync('package.json', 'utf8')).version).toBe(VERSION)
  })
})

describe('check-host', () => {
  // A sender that passes through corp.example's include of _spf.corp.example.
  const alice = ['check-host', '--ip', '198.51.100.7', '--sender', 'alice@corp.example']

  it('evaluates a sender against the repository zones and prints JSON', async () => {
    const run = await runCli([...alice, '--format', 'json', 'examples/bind'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({ result: 'pass', lookups: 1, voidLookups: 0 })
    expect(result.decidedBy.term).toBe('ip4:198.51.100.0/24')
    // Each term with where it is written: the deciding one, and the include that reached it.
    const file = 'examples/bind/zones/db.corp.example'
    expect(result.decidedBy.location).toEqual({
      file,
      line: 18,
      column: 33,
      endLine: 18,
      endColumn: 52,
    })
    expect(result.via).toEqual([
      expect.objectContaining({
        term: 'include:_spf.corp.example',
        location: expect.objectContaining({ file, line: 16, column: 35 }),
      }),
    ])
  })

  it('names the deciding term, its include path and their places in the files as text', async () => {
    const run = await runCli([...alice, 'examples/bind'])
    expect(run.code).toBe(0)
    const readme = readFileSync('README.md', 'utf8')
    const shown = readme.slice(readme.indexOf('result: pass'), readme.indexOf('lookups: 1/10'))
    expect(run.stdout).toContain(shown)
    expect(run.stdout).toMatch(
      /^decided by: ip4:198\.51\.100\.0\/24 \(in the SPF record of _spf\.corp\.example, examples\/bind\/zones\/db\.corp\.example:18:33\)$/m,
    )
    expect(run.stdout).toMatch(
      /^via: include:_spf\.corp\.example \(in the SPF record of corp\.example, examples\/bind\/zones\/db\.corp\.example:16:35\)$/m,
    )
  })

  it('prints the result, the deciding term and the lookups as text, exit 0 on fail', async () => {
    const run = await runCli([
      'check-host',
      '--ip',
      '192.0.2.99',
      '--sender',
      'x@legacy.example',
      'examples/bind',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^result: /m)
    expect(run.stdout).toMatch(/^lookups: \d+\/10, void lookups: \d+\/2$/m)
  })
})
