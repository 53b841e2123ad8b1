/**
 * `spf-lint --live` and the provider lock file through the command line, in-process via
 * `main()` and once as a child process of the built CLI, against the test DNS server.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLock } from '../../src/dns/lock.js'
import type { Report } from '../../src/report/report.js'
import { startDnsServer } from '../support/dns-server.js'
import type { DnsServer } from '../support/dns-server.js'
import { GOOGLE_CHANGED, LIVE_FIXTURES, liveFixture, runCli } from './fixture.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const corp = path.join(LIVE_FIXTURES, 'corp')

let server: DnsServer
beforeAll(async () => {
  server = await startDnsServer(liveFixture())
})
afterAll(async () => {
  await server?.close()
})

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report
}

const lookups = (r: Report, name: string) => r.records.find((x) => x.name === name)
const codes = (r: Report, code: string) => r.findings.filter((f) => f.ruleId === code)

describe('spf-lint --live', () => {
  it('counts through providers exactly with --live, a lower bound without', async () => {
    const online = await runCli(['--live', '--dns-server', server.address, '-f', 'json', corp])
    expect(online.code).toBe(1) // SPF201 and SPF203 are errors
    const on = report(online.stdout)
    expect(lookups(on, 'corp.example')).toMatchObject({ lookups: 7, lookupsLowerBound: false })
    expect(codes(on, 'SPF208')).toEqual([])
    expect(codes(on, 'SPF201').map((f) => f.name)).toEqual(['big.corp.example'])

    const offline = await runCli(['-f', 'json', corp])
    expect(offline.code).toBe(0)
    const off = report(offline.stdout)
    expect(lookups(off, 'corp.example')).toMatchObject({ lookups: 3, lookupsLowerBound: true })
    expect(codes(off, 'SPF208').length).toBeGreaterThan(0)
    expect(codes(off, 'SPF201')).toEqual([])
  })

  it('a DNS option alone turns live DNS on', async () => {
    const result = await runCli(['--dns-server', server.address, '-f', 'json', corp])
    expect(lookups(report(result.stdout), 'corp.example')?.lookups).toBe(7)
  })

  it('rejects bad DNS options as usage errors', async () => {
    for (const argv of [
      ['--live', '--dns-server', 'ns.example'],
      ['--live', '--dns-timeout', '0'],
      ['--live', '--max-queries', '2.5'],
      ['--live', '--deadline', 'soon'],
    ]) {
      const result = await runCli([...argv, corp])
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/^spf-lint: --[a-z-]+/)
    }
  })

  it('prints nothing but the report when stderr is not a terminal', async () => {
    const result = await runCli(['--live', '--dns-server', server.address, corp])
    expect(result.stderr).toBe('')
  })

  it('shows a progress line on a terminal, and erases it before the report', async () => {
    const before = process.stderr.isTTY
    process.stderr.isTTY = true
    try {
      const result = await runCli(['--live', '--dns-server', server.address, corp])
      expect(result.stderr).toMatch(/\rlive DNS: 4\/4 records, \d+ queries/)
      expect(result.stderr).toContain(' queries\x1b[K')
      expect(result.stderr.endsWith('\r\x1b[K')).toBe(true)
    } finally {
      process.stderr.isTTY = before
    }
  })
})

describe('provider lock file', () => {
  let dir: string
  let lockFile: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spf-lint-lock-'))
    await cp(path.join(LIVE_FIXTURES, 'lock'), dir, { recursive: true })
    lockFile = path.join(dir, 'spf-lint.lock.json')
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('--update-lock writes the third-party answers into the root', async () => {
    const updateLock = [
      '--live',
      '--update-lock',
      '--dns-server',
      server.address,
      '--root',
      dir,
      dir,
    ]
    const result = await runCli(updateLock)
    expect(result.code).toBe(0)
    const lock = parseLock(await readFile(lockFile, 'utf8'))
    const names = Object.keys(lock.names)
    expect(result.stderr).toBe(
      `spf-lint: wrote ${path.relative(process.cwd(), lockFile)} (${names.length} names)\n`,
    )
    expect(names).toContain('_spf.google.com')
    expect(names).toContain('spfd.protection.outlook.com')
    expect(names.filter((n) => n === 'shop.example' || n.endsWith('.shop.example'))).toEqual([])

    const again = await runCli(updateLock)
    expect(again.stderr).toMatch(/is up to date\n$/)
  })

  it('answers offline from the lock: exact counts, no SPF208', async () => {
    const result = await runCli(['-f', 'json', '--root', dir, dir])
    const r = report(result.stdout)
    expect(lookups(r, 'shop.example')).toMatchObject({ lookups: 6, lookupsLowerBound: false })
    expect(lookups(r, 'news.shop.example')).toMatchObject({ lookups: 4, lookupsLowerBound: false })
    expect(codes(r, 'SPF208')).toEqual([])
  })

  it('reports a provider that changed since the lock (SPF603), at the include', async () => {
    const changed = await startDnsServer(
      liveFixture(new Map([['_spf.google.com', GOOGLE_CHANGED]])),
    )
    try {
      const pinned = await stat(lockFile)
      const result = await runCli([
        '--live',
        '--dns-server',
        changed.address,
        '-f',
        'json',
        '--root',
        dir,
        dir,
      ])
      const r = report(result.stdout)
      const found = codes(r, 'SPF603')
      expect(found.map((f) => `${f.name} ${f.line}:${f.column}`).sort()).toEqual([
        'news.shop.example 10:23',
        'shop.example 8:23',
      ])
      for (const f of found) {
        expect(f.message).toContain('"include:_spf.google.com"')
        expect(f.message).toContain('_spf.google.com added "include:_netblocks4.google.com"')
      }
      expect(found.find((f) => f.name === 'shop.example')?.message).toContain(
        'shop.example now needs 7 DNS lookups',
      )
      expect(found.find((f) => f.name === 'news.shop.example')?.message).toContain(
        'news.shop.example now needs 5 DNS lookups',
      )
      expect((await stat(lockFile)).mtimeMs).toBe(pinned.mtimeMs)
      // The lock still answers offline with the pinned tree.
      const offline = report((await runCli(['-f', 'json', '--root', dir, dir])).stdout)
      expect(lookups(offline, 'shop.example')?.lookups).toBe(6)
    } finally {
      await changed.close()
    }
  })

  it('reports no SPF603 while providers match the lock', async () => {
    const result = await runCli([
      '--live',
      '--dns-server',
      server.address,
      '-f',
      'json',
      '--root',
      dir,
      dir,
    ])
    expect(codes(report(result.stdout), 'SPF603')).toEqual([])
  })

  it('--lock FILE that does not exist is an error without --live', async () => {
    const result = await runCli(['--lock', path.join(dir, 'missing.json'), '--root', dir, dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('missing.json not found')
  })
})

describe('the built CLI as a child process', () => {
  beforeAll(async () => {
    await run('npm', ['run', 'build', '--silent'], { cwd: ROOT })
  }, 120_000)

  it('runs --live against the test server and exits with the findings status', async () => {
    const child = await run(
      process.execPath,
      ['bin/spf-lint.js', '--live', '--dns-server', server.address, '-f', 'json', corp],
      { cwd: ROOT },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error)
    expect('code' in child ? child.code : 0).toBe(1)
    expect(child.stderr).toBe('')
    const r = report(child.stdout)
    expect(lookups(r, 'corp.example')).toMatchObject({ lookups: 7, lookupsLowerBound: false })
    expect(lookups(r, 'big.corp.example')?.lookups).toBe(15)
  })
})
