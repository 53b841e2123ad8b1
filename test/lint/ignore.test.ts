import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { lint } from '../../src/lint.js'

const ZONE = [
  '$ORIGIN corp.example.',
  '@ SOA ns1 hostmaster 1 2h 1h 14d 1h',
  '@ NS ns1',
  'ns1 A 192.0.2.1',
  '@ TXT "v=spf1 -all"',
  '',
].join('\n')

describe('the configuration’s ignore globs', () => {
  it.each([
    [[], ['.spf-lint.yml', 'zones/archive/db.corp.example', 'zones/db.corp.example']],
    [['**/archive/**'], ['.spf-lint.yml', 'zones/db.corp.example']],
    [['zones/db.*'], ['.spf-lint.yml', 'zones/archive/db.corp.example']],
  ])('ignore: %j reads %j', async (ignore, files) => {
    const root = mkdtempSync(path.join(tmpdir(), 'spf-lint-ignore-'))
    mkdirSync(path.join(root, 'zones/archive'), { recursive: true })
    writeFileSync(path.join(root, 'zones/db.corp.example'), ZONE)
    writeFileSync(path.join(root, 'zones/archive/db.corp.example'), ZONE)
    writeFileSync(path.join(root, '.spf-lint.yml'), `ignore: ${JSON.stringify(ignore)}\n`)
    const result = await lint({ root, cwd: root })
    expect(result.files.map((f) => f.path).sort()).toEqual(files)
  })
})
