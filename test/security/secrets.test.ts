/**
 * Secrets in the environment never reach any output, whatever the format, and the example
 * workflows ask for no permission beyond reading the repository (plus uploading SARIF where
 * they do).
 */
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../support/run-cli.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const SECRETS = {
  GITHUB_TOKEN: 'ghp_FAKEfakeFAKEfake0123456789abcdefABCD',
  ACTIONS_RUNTIME_TOKEN: 'eyJFAKE.runtime.token-7f3a9c',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'fake-oidc-request-token-5521',
  INPUT_TOKEN: 'ghs_FAKEinputTOKEN998877665544',
  'INPUT_GITHUB-TOKEN': 'gho_FAKEdashedINPUT44332211',
  SPF_LINT_DEBUG: '1',
}

let root: string

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-secrets-')))
  // Content that tries to name the secrets: it is data, never expanded.
  writeFileSync(
    path.join(root, 'db.example.com'),
    '$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ TXT "v=spf1 include:${GITHUB_TOKEN}.example %{ACTIONS_RUNTIME_TOKEN} +all"\nbad TXT "unclosed\n',
  )
  writeFileSync(
    path.join(root, 'example.org.yaml'),
    "'':\n  type: TXT\n  value: $INPUT_TOKEN\n  value: [\n",
  )
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

function expectNoSecret(output: string): void {
  for (const value of Object.values(SECRETS))
    if (value.length > 1) expect(output).not.toContain(value)
}

describe('secrets in the environment', () => {
  for (const format of ['text', 'json', 'sarif', 'github']) {
    test(`${format}: never printed`, async () => {
      const run = await runCli(['--root', root, '--format', format, root], SECRETS)
      expect(run.code).toBe(1)
      expectNoSecret(run.stdout + run.stderr)
    })
  }

  test('a fatal error (with SPF_LINT_DEBUG stack traces) prints none either', async () => {
    const run = await runCli(['--root', root, path.join(root, 'missing.zone')], SECRETS)
    expect(run.code).toBe(2)
    expectNoSecret(run.stdout + run.stderr)
  })

  test('the built command prints none', () => {
    const bin = path.join(REPO, 'bin/spf-lint.js')
    expect(existsSync(path.join(REPO, 'build/cli.js'))).toBe(true)
    for (const format of ['text', 'json', 'github']) {
      const env = { ...process.env, ...SECRETS, GITHUB_ACTIONS: undefined }
      const run = spawnSync('node', [bin, '--root', root, '-f', format, root], {
        encoding: 'utf8',
        env,
      })
      expect(run.status).toBe(1)
      expectNoSecret(run.stdout + run.stderr)
    }
  })
})

describe('the action bundle', () => {
  test('prints no secret in its log, outputs, summary or report', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'spf-lint-secrets-action-'))
    try {
      const files = { GITHUB_OUTPUT: 'output', GITHUB_STEP_SUMMARY: 'summary' }
      for (const name of Object.values(files)) writeFileSync(path.join(out, name), '')
      const env: Record<string, string | undefined> = {
        ...process.env,
        ...SECRETS,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: root,
        RUNNER_TEMP: out,
        GITHUB_OUTPUT: path.join(out, files.GITHUB_OUTPUT),
        GITHUB_STEP_SUMMARY: path.join(out, files.GITHUB_STEP_SUMMARY),
        'INPUT_SARIF-FILE': path.join(out, 'spf-lint.sarif'),
      }
      delete env.GITHUB_EVENT_PATH
      const run = spawnSync('node', [path.join(REPO, 'dist/index.js')], {
        cwd: root,
        encoding: 'utf8',
        env,
      })
      expect(run.status).toBe(1)
      expect(run.stdout).toContain('::error')
      let written = run.stdout + run.stderr
      for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
        const file = path.join(out, name)
        if (statSync(file).isFile()) written += readFileSync(file, 'utf8')
      }
      expect(written).toContain('SPF301')
      expectNoSecret(written)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})

describe('example workflows', () => {
  const dir = path.join(REPO, 'examples/workflows')
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))

  test('there are example workflows to check', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    test(`${file}: contents: read, and security-events: write only to upload SARIF`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8')
      const workflow = parse(text) as {
        on: Record<string, unknown>
        permissions?: Record<string, string>
        jobs: Record<string, { permissions?: Record<string, string> }>
      }
      // A fork's pull request must never run with the base repository's secrets.
      expect(Object.keys(workflow.on)).not.toContain('pull_request_target')
      const uploadsSarif = /upload-sarif/.test(text)
      const allowed: Record<string, string> = {
        contents: 'read',
        ...(uploadsSarif ? { 'security-events': 'write' } : {}),
      }
      const blocks = [
        workflow.permissions,
        ...Object.values(workflow.jobs).map((j) => j.permissions),
      ]
      expect(workflow.permissions).toBeDefined()
      for (const block of blocks) {
        if (!block) continue
        expect(typeof block).toBe('object')
        for (const [scope, level] of Object.entries(block))
          expect([scope, level]).toEqual([scope, allowed[scope]])
      }
    })
  }
})
