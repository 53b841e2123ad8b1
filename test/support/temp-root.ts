/**
 * Vitest global setup: every temporary file the tests make (theirs, and those of the CLI, the
 * action and DNS servers they start) goes under one directory, removed when the run ends, so
 * that running the suite leaves nothing behind in the system's temporary directory.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'spf-lint-tests-'))
  // Traversable, as the system's temporary directory is: named drops to its own user and must
  // reach the directory a test makes for it below this one.
  chmodSync(root, 0o755)
  // Read by os.tmpdir() in the test processes (forked after this) and in what they spawn.
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}
