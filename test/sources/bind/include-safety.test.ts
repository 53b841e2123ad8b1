import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveLocation } from '../../../src/model/source.js'
import { loadBindFiles } from '../../../src/sources/bind/index.js'
import type { SourceResult } from '../../../src/sources/types.js'
import { APEX } from './helpers.js'

const SECRET = 'secret-outside-the-root'
let base: string
let root: string
let outside: string

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'spf-lint-bind-'))
  root = path.join(base, 'repo')
  outside = path.join(base, 'outside')
  mkdirSync(path.join(root, 'zones', 'sub'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'evil.zone'), `leak TXT "${SECRET}"\n`)
  symlinkSync(path.join(outside, 'evil.zone'), path.join(root, 'zones', 'link.zone'))
  symlinkSync(outside, path.join(root, 'zones', 'linkdir'))
  writeFileSync(path.join(root, 'zones', 'ok.inc'), 'inside TXT "fine"\n')
  mkdirSync(path.join(root, 'zones', 'adir'))
  execFileSync('mkfifo', [path.join(root, 'zones', 'pipe.zone')])
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

async function lint(body: string, name = 'db.example.com'): Promise<SourceResult> {
  const zonePath = path.join(root, 'zones', name)
  writeFileSync(zonePath, APEX + body)
  return loadBindFiles([zonePath], { root, cwd: root })
}

function noLeak(result: SourceResult): void {
  for (const file of result.files) {
    expect(file.text).not.toContain(SECRET)
    expect(path.relative(root, file.absPath).startsWith('..')).toBe(false)
  }
  for (const record of result.records) expect(record.rdata).not.toContain(SECRET)
}

/** The SPF403 diagnostics, as `line:column message`. */
function refusals(result: SourceResult): string[] {
  return result.diagnostics
    .filter((d) => d.code === 'SPF403')
    .map((d) => {
      const at = resolveLocation(d.location)
      return `${at.line}:${at.column} ${d.message}`
    })
}

const line = APEX.split('\n').length

describe('$INCLUDE never leaves the linted root', () => {
  it.each([
    ['a path that climbs out', '../../etc/passwd', /outside the linted root/],
    ['an absolute path outside the root', '/etc/passwd', /outside the linted root/],
    ['a symbolic link to a file outside', 'zones/link.zone', /symbolic link/],
    ['a path through a linked directory', 'zones/linkdir/evil.zone', /symbolic link/],
    ['a missing file', 'zones/missing.zone', /file not found/],
    ['a directory', 'zones/adir', /is a directory/],
    ['a FIFO', 'zones/pipe.zone', /not a regular file/],
  ])('refuses %s with SPF403 at the file name', async (_what, target, message) => {
    const result = await lint(`$INCLUDE ${target}\nafter TXT "still read"\n`)
    const found = refusals(result)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(new RegExp(`^${line}:10 `))
    expect(found[0]).toMatch(message)
    expect(result.records.map((r) => r.name)).toContain('after.example.com')
    noLeak(result)
  })

  it('reads an include inside the root, relative to the root or to the including file', async () => {
    const result = await lint('$INCLUDE zones/ok.inc\n$INCLUDE ok.inc sub\n')
    expect(result.diagnostics).toEqual([])
    expect(result.records.map((r) => r.name)).toEqual(
      expect.arrayContaining(['inside.example.com', 'inside.sub.example.com']),
    )
  })

  it('reports an include cycle instead of looping', async () => {
    writeFileSync(path.join(root, 'zones', 'cycle.inc'), '$INCLUDE zones/db.cycle.example.com\n')
    const result = await lint('$INCLUDE zones/cycle.inc\n', 'db.cycle.example.com')
    expect(refusals(result).join('\n')).toMatch(/cycle/)
  })

  it('caps the nesting depth', async () => {
    for (let i = 0; i < 20; i++) {
      writeFileSync(path.join(root, 'zones', `deep${i}.inc`), `$INCLUDE zones/deep${i + 1}.inc\n`)
    }
    writeFileSync(path.join(root, 'zones', 'deep20.inc'), 'bottom TXT "x"\n')
    const result = await lint('$INCLUDE zones/deep0.inc\n', 'db.deep.example.com')
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')).toMatch(
      /SPF401 .*deeper than 16/,
    )
  })

  it('refuses a candidate zone file that is a link out of the root', async () => {
    const result = await loadBindFiles([path.join(root, 'zones', 'link.zone')], { root, cwd: root })
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SPF403'])
    expect(result.records).toEqual([])
    noLeak(result)
  })
})
