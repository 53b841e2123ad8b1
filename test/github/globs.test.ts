/** The action's `paths` input: plain paths pass as written, globs select files, `!` excludes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { expandPaths } from '../../src/github/globs.js'

describe('expandPaths', () => {
  let cwd = ''
  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'spf-lint-globs-'))
    for (const file of ['zones/db.a', 'zones/archive/db.old', 'zones/sub/db.b', 'notes.txt']) {
      mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true })
      writeFileSync(path.join(cwd, file), '')
    }
  })

  it.each([
    [['zones'], ['zones'], []],
    [['./zones/'], ['zones/'], []],
    [['zones', 'notes.txt', 'zones'], ['notes.txt', 'zones'], []],
    [['zones/**/db.*'], ['zones/archive/db.old', 'zones/db.a', 'zones/sub/db.b'], []],
    [['zones/**/db.*', '!zones/archive/**'], ['zones/db.a', 'zones/sub/db.b'], []],
    [['zones/db.a', 'zones/sub/db.b', '!zones/db.a'], ['zones/sub/db.b'], []],
    [['zones/db.[ab]'], ['zones/db.a'], []],
    [['missing/**', 'zones/sub/*'], ['zones/sub/db.b'], ['missing/**']],
  ])('%j -> %j (unmatched %j)', async (lines, paths, unmatched) => {
    expect(await expandPaths(lines, cwd)).toEqual({ paths, unmatched })
  })
})
