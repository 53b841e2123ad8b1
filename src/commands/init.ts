import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { initConfigText } from '../config.js'

/** `spf-lint --init`: write a commented starter configuration, never over an existing one. */
export function initCommand(cwd: string): number {
  const target = path.join(cwd, '.spf-lint.yml')
  if (existsSync(target)) {
    process.stderr.write(`spf-lint: .spf-lint.yml already exists; not overwriting it\n`)
    return 2
  }
  writeFileSync(target, initConfigText())
  process.stdout.write(`wrote .spf-lint.yml\n`)
  return 0
}
