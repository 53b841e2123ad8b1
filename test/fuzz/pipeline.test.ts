/**
 * The whole pipeline, from files on disk to findings, on mutated fixtures of every format
 * at once: it returns located findings, never throws, and each run stays within the bound.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import { bindCorpus, mutated, runs, settings, timedAsync, yamlCorpus } from './support.js'

const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-pipeline-')))
afterAll(() => rmSync(base, { recursive: true, force: true }))

let round = 0

describe('lint() on a repository of mutated zones', () => {
  test('findings are located in files under the root; nothing throws', async () => {
    const repo = fc.record({
      bind: mutated(bindCorpus(), 4),
      octodns: mutated(yamlCorpus('octodns'), 4),
      native: mutated(yamlCorpus('native'), 4),
      config: fc.constantFrom('', 'limits: { maxLookupNames: 5 }\n', 'rules: { SPF110: off }\n'),
    })
    await fc.assert(
      fc.asyncProperty(repo, async (files) => {
        const root = path.join(base, String(round++))
        mkdirSync(root)
        writeFileSync(path.join(root, 'db.example.com'), files.bind, 'latin1')
        writeFileSync(path.join(root, 'example.net.yaml'), files.octodns)
        writeFileSync(path.join(root, 'example.org.zone.yaml'), files.native)
        if (files.config) writeFileSync(path.join(root, '.spf-lint.yml'), files.config)
        const result = await timedAsync(() => lint({ root, cwd: root, timeoutMs: 10_000 }))
        expect(result.stopped).toBeUndefined()
        const report = toReport(result)
        for (const f of report.findings) {
          expect(f.ruleId).toMatch(/^SPF\d{3}$/)
          expect(f.file.startsWith('..')).toBe(false)
          expect(f.line).toBeGreaterThanOrEqual(1)
          expect(f.column).toBeGreaterThanOrEqual(1)
        }
        expect(() => JSON.stringify(report)).not.toThrow()
        rmSync(root, { recursive: true, force: true })
      }),
      settings('pipeline', runs(40)),
    )
  })
})
