/**
 * Nothing outside the linted root is ever read: not through `$INCLUDE`, `!include`, octoDNS
 * `directory:`, symbolic links in the tree, or `..` on the command line. FIFOs are never
 * opened, unreadable files are reported, and a file reached twice is read once.
 */
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { lint, toReport, type LintResult } from '../../src/lint.js'
import { runCli } from '../support/run-cli.js'
import { HANG_MS } from '../support/bounds.js'

const SECRET = 'v=spf1 ip4:203.0.113.66 -all SECRET-OUTSIDE-ROOT'
const HEAD = '$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns.example.net.\n'

let base: string
let root: string
let outside: string

function write(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-fs-')))
  root = path.join(base, 'repo')
  outside = path.join(base, 'outside')
  write(path.join(outside, 'secret.zone'), `@ TXT "${SECRET}"\n`)
  write(path.join(outside, 'example.org.yaml'), `'':\n  type: TXT\n  value: ${SECRET}\n`)
  mkdirSync(root)
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

/** A fresh folder under the root for one test. */
function area(name: string): string {
  const dir = path.join(root, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

function findings(result: LintResult): string[] {
  return toReport(result).findings.map(
    (f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`,
  )
}

function expectNoSecret(result: LintResult): void {
  const everything = JSON.stringify(toReport(result))
  expect(everything).not.toContain('SECRET-OUTSIDE-ROOT')
  for (const file of result.files) expect(file.text).not.toContain('SECRET-OUTSIDE-ROOT')
  for (const file of result.files) expect(file.absPath.startsWith(outside)).toBe(false)
}

describe('$INCLUDE', () => {
  test('../.., absolute and symbolic-link includes are refused at the directive', async () => {
    const dir = area('include')
    symlinkSync(path.join(outside, 'secret.zone'), path.join(dir, 'link.inc'))
    write(
      path.join(dir, 'db.example.com'),
      `${HEAD}$INCLUDE ../../outside/secret.zone\n$INCLUDE ${path.join(outside, 'secret.zone')}\n$INCLUDE include/link.inc\n`,
    )
    const result = await lint({ root, cwd: root, paths: [path.join(dir, 'db.example.com')] })
    const refused = findings(result).filter((f) => f.startsWith('SPF403 include/db.example.com'))
    expect(refused.map((f) => f.split(' ')[1])).toEqual([
      'include/db.example.com:4:10',
      'include/db.example.com:5:10',
      'include/db.example.com:6:10',
    ])
    expectNoSecret(result)
  })
})

describe('symbolic links in the tree', () => {
  test('links out of the root are reported at the link and never followed; loops end', async () => {
    const dir = area('links')
    write(path.join(dir, 'db.example.net'), `${HEAD}@ TXT "v=spf1 -all"\n`)
    symlinkSync(path.join(outside, 'secret.zone'), path.join(dir, 'db.secret.example'))
    symlinkSync(outside, path.join(dir, 'elsewhere'))
    symlinkSync(dir, path.join(dir, 'loop'))
    const result = await lint({ root: dir, cwd: dir })
    const shown = findings(result)
    expect(shown).toContainEqual(
      expect.stringMatching(/^SPF403 db\.secret\.example:1:1 .*leaves the linted root/),
    )
    expect(shown).toContainEqual(
      expect.stringMatching(/^SPF403 elsewhere:1:1 .*leaves the linted root/),
    )
    expect(result.files.map((f) => f.path)).toEqual(['db.example.net'])
    expectNoSecret(result)
  })

  test('the same file reached twice (a link, and named twice) is read once', async () => {
    const dir = area('twice')
    const zone = write(path.join(dir, 'db.example.com'), `${HEAD}@ TXT "v=spf1 -all"\n`)
    symlinkSync(zone, path.join(dir, 'db.alias.example'))
    const result = await lint({ root: dir, cwd: dir, paths: [zone, zone, dir] })
    expect(result.files.map((f) => f.path)).toEqual(['db.example.com'])
    expect(result.spf).toHaveLength(1)
  })
})

describe('command-line paths', () => {
  test('a path that leaves the root with .. is refused, exit 2, nothing read', async () => {
    const dir = area('cli')
    write(path.join(dir, 'db.example.com'), `${HEAD}@ TXT "v=spf1 -all"\n`)
    const run = await runCli([
      '--root',
      dir,
      '--format',
      'json',
      path.join(dir, '..', '..', 'outside'),
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/outside the linted root/)
    expect(run.stdout + run.stderr).not.toContain('SECRET-OUTSIDE-ROOT')
  })
})

describe('octoDNS', () => {
  test('directory: through a symbolic link out of the root is refused at the setting', async () => {
    const dir = area('octodns')
    symlinkSync(outside, path.join(dir, 'zones'))
    write(
      path.join(dir, 'config.yaml'),
      'providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\nzones:\n  example.org.:\n    sources:\n      - config\n',
    )
    const result = await lint({ root: dir, cwd: dir })
    expect(findings(result)).toContainEqual(
      expect.stringMatching(/^SPF403 config\.yaml:4:16 .*outside the linted root/),
    )
    expectNoSecret(result)
  })

  test('!include through a symbolic link out of the root is refused at the tag', async () => {
    const dir = area('octo-include')
    symlinkSync(path.join(outside, 'secret.zone'), path.join(dir, 'secret.txt'))
    write(path.join(dir, 'example.com.yaml'), "'':\n  type: TXT\n  value: !include secret.txt\n")
    const result = await lint({ root: dir, cwd: dir })
    expect(findings(result)).toContainEqual(
      expect.stringMatching(/^SPF403 example\.com\.yaml:3:19 .*outside the linted root/),
    )
    expectNoSecret(result)
  })
})

describe('special files', () => {
  test('FIFOs in the tree, named, $INCLUDEd and !included are never opened', async () => {
    const dir = area('fifo')
    for (const name of ['db.fifo.example', 'fifo.example.yaml', 'pipe.inc', 'pipe.yml'])
      execFileSync('mkfifo', [path.join(dir, name)])
    write(path.join(dir, 'db.example.com'), `${HEAD}$INCLUDE pipe.inc\n@ TXT "v=spf1 -all"\n`)
    write(path.join(dir, 'example.net.yaml'), "'':\n  type: TXT\n  value: !include pipe.yml\n")
    const start = performance.now()
    const scan = await lint({ root: dir, cwd: dir, timeoutMs: 10_000 })
    const named = await lint({
      root: dir,
      cwd: dir,
      paths: [path.join(dir, 'db.fifo.example'), path.join(dir, 'db.example.com')],
      timeoutMs: 10_000,
    })
    expect(performance.now() - start).toBeLessThan(HANG_MS)
    expect(findings(scan)).toContainEqual(
      expect.stringMatching(/^SPF403 db\.example\.com:4:10 .*not a regular file/),
    )
    expect(findings(scan)).toContainEqual(
      expect.stringMatching(/^SPF403 example\.net\.yaml:3:19 .*not a regular file/),
    )
    expect(findings(named)).toContainEqual(
      expect.stringMatching(/^SPF403 db\.fifo\.example:1:1 .*not a regular file/),
    )
    expect(scan.spf.map((e) => e.record.zone)).toEqual(['example.com'])
  })

  test('unreadable files are reported and skipped (as root, permissions do not stop reads)', async () => {
    const dir = area('unreadable')
    const zone = write(path.join(dir, 'db.example.com'), `${HEAD}@ TXT "v=spf1 -all"\n`)
    const yaml = write(
      path.join(dir, 'example.org.yaml'),
      "'':\n  type: TXT\n  value: v=spf1 -all\n",
    )
    chmodSync(zone, 0)
    chmodSync(yaml, 0)
    let canRead = true
    try {
      readFileSync(zone)
    } catch {
      canRead = false
    }
    const result = await lint({ root: dir, cwd: dir })
    const shown = findings(result)
    if (canRead) {
      // Running as root: the files are read like any other; the run says nothing about them.
      expect(process.getuid?.()).toBe(0)
      expect(result.spf.map((e) => e.record.zone).sort()).toEqual(['example.com', 'example.org'])
    } else {
      expect(shown).toContainEqual(
        expect.stringMatching(/^SPF401 db\.example\.com:1:1 .*cannot be read/),
      )
      expect(shown).toContainEqual(
        expect.stringMatching(/^SPF401 example\.org\.yaml:1:1 .*cannot read/),
      )
      expect(result.spf).toEqual([])
    }
  })
})
