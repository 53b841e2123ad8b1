import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadBindFiles } from '../../../src/sources/bind/index.js'
import { APEX, describeDiagnostics, parseText } from './helpers.js'
import { HANG_MS } from '../../support/bounds.js'

const dir = mkdtempSync(path.join(tmpdir(), 'spf-lint-bind-bad-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const apexLines = APEX.split('\n').length - 1

describe('bad input never throws and never hangs', () => {
  it('reports a binary file with SPF401 and reads nothing from it', async () => {
    const file = path.join(dir, 'db.binary.example')
    const bytes = Buffer.alloc(4096)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256
    writeFileSync(file, bytes)
    const result = await loadBindFiles([file], { root: dir, cwd: dir })
    expect(result.records).toEqual([])
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'SPF401 db.binary.example holds NUL bytes: a binary file, not a zone file',
    ])
  })

  it('reports NUL bytes in an otherwise textual zone', async () => {
    const file = path.join(dir, 'nul.example.zone')
    writeFileSync(file, APEX + 'x TXT "a\0b"\n')
    const result = await loadBindFiles([file], { root: dir, cwd: dir })
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SPF401'])
  })

  it('reports a byte-order mark at 1:1 and still reads the records', () => {
    const result = parseText('\xef\xbb\xbf' + APEX + 'x TXT "x"\n')
    expect(describeDiagnostics(result)).toEqual([
      'SPF401 1:1 UTF-8 byte-order mark at the start of the file; BIND rejects it',
    ])
    expect(result.records.map((r) => r.name)).toContain('x.example.com')
  })

  it.each([
    [
      'an unterminated quote',
      'x TXT "open\ny TXT "ok"\n',
      'x TXT '.length + 1,
      'unbalanced quotes',
    ],
    ['an unclosed parenthesis', 'x TXT ( "a"\ny TXT "ok"\n', 'x TXT '.length + 1, 'never closed'],
    ['a stray parenthesis', 'x TXT "a" )\ny TXT "ok"\n', 'x TXT "a" '.length + 1, 'without "("'],
  ])('locates %s and keeps the next record', (_what, body, column, message) => {
    const result = parseText(APEX + body)
    const found = describeDiagnostics(result)
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(`SPF401 ${apexLines + 1}:${column} `)
    expect(found[0]).toContain(message)
    expect(result.records.map((r) => r.name)).toContain('y.example.com')
  })

  it('reports many unclosed parentheses without quadratic time', () => {
    const body = 'x TXT ( "a"\n'.repeat(20000)
    const started = performance.now()
    const result = parseText(APEX + body)
    expect(result.diagnostics.length).toBeGreaterThan(0)
    expect(performance.now() - started).toBeLessThan(HANG_MS)
  })

  it.each([
    [
      'an unterminated 10 MB string',
      'x TXT "' + 'a'.repeat(10 * 1024 * 1024) + '\n',
      'unbalanced quotes',
    ],
    ['a 10 MB word', 'x TXT ' + 'a'.repeat(10 * 1024 * 1024) + '\n', 'at most 255'],
    ['10 MB of open parentheses', 'x TXT ' + '('.repeat(10 * 1024 * 1024) + '\n', 'never closed'],
    ['a 10 MB owner', 'a'.repeat(10 * 1024 * 1024) + ' TXT "x"\n', 'label longer than 63'],
  ])('handles %s on one line', (_what, body, message) => {
    const result = parseText(APEX + body)
    const found = describeDiagnostics(result)
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(`SPF401 ${apexLines + 1}:`)
    expect(found[0]).toContain(message)
  })

  it('refuses a file over the size limit without reading it', async () => {
    const file = path.join(dir, 'huge.example.zone')
    writeFileSync(file, '')
    const handle = await import('node:fs/promises').then((fs) => fs.open(file, 'r+'))
    await handle.truncate(51 * 1024 * 1024)
    await handle.close()
    const result = await loadBindFiles([file], { root: dir, cwd: dir })
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/too large/)])
  })
})
