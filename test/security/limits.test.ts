/**
 * Each limit of src/limits.ts is configurable and, when hit, gives a clear finding; the run's
 * time limit stops the run with a message on stderr and exit status 2.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import { defaultLimits, resolveLimits } from '../../src/limits.js'
import { runCli } from '../support/run-cli.js'

let root: string

/** 24 names, each including the next two: a walk of the whole graph visits ~2^24 nodes. */
function fanOut(): string {
  const lines = ['$TTL 3600', '@ SOA ns hostmaster 1 7200 3600 1209600 300']
  lines.push('@ TXT "v=spf1 include:n0.fan.example -all"')
  for (let i = 0; i < 24; i++)
    lines.push(
      `n${i} TXT "v=spf1 include:n${i + 1}.fan.example include:n${i + 2}.fan.example -all"`,
    )
  lines.push('n24 TXT "v=spf1 -all"', 'n25 TXT "v=spf1 -all"', '')
  return lines.join('\n')
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-limits-')))
  writeFileSync(path.join(root, 'db.fan.example'), fanOut())
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('limits', () => {
  test('defaults apply where a setting is missing or not a positive number', () => {
    expect(resolveLimits({ maxTxtStrings: 7, maxFileBytes: -1 })).toEqual({
      ...defaultLimits,
      maxTxtStrings: 7,
    })
  })

  test('the default walk bound turns a fan-out graph into a visible SPF208 finding, fast', async () => {
    const start = performance.now()
    const result = await lint({ root, cwd: root })
    expect(performance.now() - start).toBeLessThan(5000)
    const messages = toReport(result).findings.map(
      (f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`,
    )
    expect(messages).toContainEqual(
      expect.stringMatching(/^SPF208 3:15 the lookup walk stopped at .*limits\.maxLookupNames/),
    )
  })

  test('the run time limit stops the run: partial report, message on stderr, exit 2', async () => {
    writeFileSync(
      path.join(root, '.spf-lint.yml'),
      'limits:\n  timeoutSeconds: 1\n  maxLookupNames: 100000000\n  maxLookupDepth: 100\n',
    )
    try {
      const start = performance.now()
      // The text report: the JSON one carries the trees walked so far, and how large they grow
      // in the second allowed depends on the machine (hundreds of megabytes here).
      const run = await runCli(['--root', root, root])
      const seconds = (performance.now() - start) / 1000
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(
        /^spf-lint: stopped after 1 s \(limits\.timeoutSeconds\) while walking lookup trees; the findings are incomplete\n$/,
      )
      expect(seconds).toBeLessThan(10)
      expect(run.stdout).toMatch(/the run's time limit was reached.*\[SPF208 unresolved-name\]/)
    } finally {
      rmSync(path.join(root, '.spf-lint.yml'))
    }
  })

  test('a deadline reached while reading fails the run with the message', async () => {
    await expect(lint({ root, cwd: root, timeoutMs: 0 })).rejects.toThrow(
      /stopped after 0 s \(limits\.timeoutSeconds\) while reading the zone files/,
    )
  })
})
