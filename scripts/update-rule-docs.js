#!/usr/bin/env node
// Rewrite the output blocks of docs/rules/*.md from what spf-lint really prints.
// The pages are read and linted by test/docs.test.ts; UPDATE_DOCS=1 makes it write instead of compare.
import { spawnSync } from 'node:child_process'

const result = spawnSync('npx', ['vitest', 'run', 'test/docs.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, UPDATE_DOCS: '1' },
  shell: process.platform === 'win32',
})
process.exit(result.status ?? 1)
