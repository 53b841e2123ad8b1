/**
 * Zone content is untrusted: whatever a TXT string holds (escape sequences, workflow
 * commands, newlines, HTML, table pipes), the CLI's text output carries no control
 * characters and its JSON output stays one valid document. Checked in-process and on the
 * built command.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import { formatText } from '../../src/report/text.js'
import { runCli } from '../support/run-cli.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** BIND escapes are decimal: \027 is ESC, \010 a line feed, \013 a carriage return. */
const HOSTILE_BIND = [
  '$TTL 3600',
  '@ SOA ns hostmaster 1 7200 3600 1209600 300',
  '@ NS ns.example.net.',
  '@ TXT "v=spf1 \\027[31mred\\027[0m \\027]8;;http://evil.example\\007link\\027]8;;\\007 -all"',
  'a TXT "v=spf1 include:x.example\\010::error file=x::forged\\010 -all"',
  'b TXT "v=spf1 a:%0A::warning::forged%0D%0A ~all"',
  'c TXT "v=spf1 <script>alert(1)</script> | --- | col | \\013\\027[2J +all"',
  'd TXT "v=spf1 \\155\\027c\\000 -all"',
  '',
].join('\n')

const HOSTILE_YAML = [
  "'':",
  '  type: TXT',
  '  value: "v=spf1 \\e[31mred\\e[0m\\n::error::forged\\r\\n<img src=x onerror=alert(1)> | a | -all"',
  '',
].join('\n')

let root: string

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-output-')))
  writeFileSync(path.join(root, 'db.hostile.example'), HOSTILE_BIND, 'latin1')
  writeFileSync(path.join(root, 'hostile.example.yaml'), HOSTILE_YAML)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** No C0/C1 control characters but the line feeds that end lines. */
function expectPlainText(text: string): void {
  // eslint-disable-next-line no-control-regex
  expect(text.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g) ?? []).toEqual([])
  // A forged line would start with a workflow command.
  for (const line of text.split('\n')) expect(line.startsWith('::')).toBe(false)
}

function expectOneJsonDocument(text: string): unknown {
  const report = JSON.parse(text) as { findings: unknown[] }
  expect(text.trimEnd().endsWith('}')).toBe(true)
  expect(report.findings.length).toBeGreaterThan(0)
  return report
}

describe('text and JSON output of the CLI on hostile zone content', () => {
  test('text: no control character reaches the terminal, no line is forged', async () => {
    const run = await runCli(['--root', root, '--format', 'text', root])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/SPF008/)
    expectPlainText(run.stdout)
    expectPlainText(run.stderr)
  })

  test('text with colour: the only escapes are the reporter’s own SGR colours', async () => {
    const result = await lint({ root, cwd: root })
    const files = new Map(result.files.map((f) => [f.path, f]))
    const out = formatText(toReport(result), {
      color: true,
      lineText: (file, line) => files.get(file)?.lineText(line),
    })
    // eslint-disable-next-line no-control-regex
    const colours = /\u001b\[[0-9;]*m/g
    expect(out.match(colours)?.length).toBeGreaterThan(0)
    expectPlainText(out.replace(colours, ''))
  })

  test('json: one valid document holding the hostile text as data', async () => {
    const run = await runCli(['--root', root, '--format', 'json', root])
    const report = expectOneJsonDocument(run.stdout) as { records: { record: string }[] }
    const texts = report.records.map((r) => r.record)
    expect(texts.some((t) => t.includes('\u001b[31m'))).toBe(true)
    expect(texts.some((t) => t.includes('\n::error file=x::forged\n'))).toBe(true)
    expect(run.stderr).toBe('')
  })

  test('the built command (node bin/spf-lint.js) behaves the same', () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'pipe' })
    const bin = path.join(REPO, 'bin/spf-lint.js')
    const env = { ...process.env, NO_COLOR: undefined, GITHUB_ACTIONS: undefined }
    const text = spawnSync('node', [bin, '--root', root, root], { encoding: 'utf8', env })
    expect(text.status).toBe(1)
    expectPlainText(text.stdout)
    expectPlainText(text.stderr)
    const json = spawnSync('node', [bin, '--root', root, '-f', 'json', root], {
      encoding: 'utf8',
      env,
    })
    expect(json.status).toBe(1)
    expectOneJsonDocument(json.stdout)
  }, 120_000)
})
