/**
 * What a pull request changed: the files, and the lines of each file (as numbered in the
 * checked-out tree) that it added or changed. Read from `git diff --unified=0` between the base
 * and the working tree, so line numbers always match the files being linted, whether the
 * checkout is the merge commit or the head.
 */
import { readFile } from 'node:fs/promises'
import { git, gitSucceeds } from './git.js'

export interface PullRequest {
  base: string
  head: string
  number?: number
}

export interface FileChanges {
  /** Lines added or changed (1-based, new side). */
  lines: Set<number>
  /** New-side line after which lines were deleted (0: at the top of the file). */
  deletedAfter: number[]
}

export interface Changes {
  /** The commit compared against: the merge base of the PR's base and HEAD when known. */
  base: string
  files: Map<string, FileChanges>
}

export class ShallowCloneError extends Error {}

/** The pull request of the event, if the event is about one. */
export async function readPullRequest(
  eventPath: string | undefined,
): Promise<PullRequest | undefined> {
  if (!eventPath) return undefined
  let event: unknown
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8'))
  } catch {
    return undefined
  }
  const pr = (event as { pull_request?: Record<string, unknown> }).pull_request
  const base = sha((pr?.base as { sha?: unknown } | undefined)?.sha)
  const head = sha((pr?.head as { sha?: unknown } | undefined)?.sha)
  if (!base || !head) return undefined
  return { base, head, ...(typeof pr?.number === 'number' ? { number: pr.number } : {}) }
}

function sha(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(value)
    ? value
    : undefined
}

/**
 * Make `commit` available: a shallow checkout (the default `fetch-depth: 1`) lacks the base, so
 * fetch just that commit. Throws `ShallowCloneError` when that is impossible.
 */
export async function ensureCommit(commit: string, cwd: string): Promise<void> {
  if (await hasCommit(commit, cwd)) return
  const fetched = await gitSucceeds(
    ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', commit],
    cwd,
  )
  if (fetched && (await hasCommit(commit, cwd))) return
  throw new ShallowCloneError(
    `the pull request's base commit ${commit.slice(0, 12)} is not in the clone and could not ` +
      'be fetched; check out with `fetch-depth: 0` (actions/checkout) to compare with the base',
  )
}

function hasCommit(commit: string, cwd: string): Promise<boolean> {
  return gitSucceeds(['cat-file', '-e', `${commit}^{commit}`], cwd)
}

/** The point to compare with: where the branch left the base, when history allows knowing it. */
export async function comparisonBase(pr: PullRequest, cwd: string): Promise<string> {
  try {
    const mergeBase = (await git(['merge-base', pr.base, 'HEAD'], cwd)).trim()
    return sha(mergeBase) ?? pr.base
  } catch {
    return pr.base
  }
}

export async function changedLines(base: string, cwd: string): Promise<Changes> {
  const diff = await git(
    [
      '-c',
      'core.quotePath=false',
      'diff',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--relative',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      base,
      '--',
    ],
    cwd,
  )
  return { base, files: parseUnifiedDiff(diff) }
}

/** Added and changed lines per new-side path, from `git diff --unified=0` output. */
export function parseUnifiedDiff(diff: string): Map<string, FileChanges> {
  const files = new Map<string, FileChanges>()
  let current: FileChanges | undefined
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) current = undefined
    else if (line.startsWith('+++ ')) {
      const target = line.slice(4)
      if (target === '/dev/null') current = undefined
      else {
        const file = unquote(target).replace(/^b\//, '')
        current = { lines: new Set(), deletedAfter: [] }
        files.set(file, current)
      }
    } else if (current && line.startsWith('@@ ')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line)
      if (!hunk) continue
      const start = Number(hunk[1])
      const count = hunk[2] === undefined ? 1 : Number(hunk[2])
      if (count === 0) current.deletedAfter.push(start)
      for (let n = start; n < start + count; n++) current.lines.add(n)
    }
  }
  return files
}

/** Git's C-style quoting of unusual paths (`"b/a\tb.zone"`, octal bytes for UTF-8). */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text
  const bytes: number[] = []
  const body = text.slice(1, -1)
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13 }
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'))
      continue
    }
    const next = body[++i] ?? ''
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8))
      i += 2
    } else bytes.push(simple[next] ?? next.charCodeAt(0))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Whether lines [first, last] of `file` hold a change (an edit, or a deletion inside). */
export function spanChanged(changes: Changes, file: string, first: number, last: number): boolean {
  const fc = changes.files.get(file)
  if (!fc) return false
  for (let n = first; n <= last; n++) if (fc.lines.has(n)) return true
  return fc.deletedAfter.some((n) => n >= first && n < last)
}
