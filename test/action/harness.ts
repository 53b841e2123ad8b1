/**
 * Runs the committed bundle (`node dist/index.js`) the way the runner does: `INPUT_*` variables
 * with the input names upper-cased and dashes kept, an event file, and `GITHUB_OUTPUT` /
 * `GITHUB_STEP_SUMMARY` files that exist before the step starts.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const BUNDLE = path.resolve('dist/index.js')

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, HOME: cwd },
  }).trim()
}

export function scratch(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `spf-lint-${prefix}-`))
}

export function writeFiles(root: string, files: Record<string, string | null>): void {
  for (const [file, text] of Object.entries(files)) {
    const abs = path.join(root, file)
    mkdirSync(path.dirname(abs), { recursive: true })
    if (text === null) execFileSync('rm', ['-f', abs])
    else writeFileSync(abs, text)
  }
}

export interface PullRequestRepo {
  /** The runner's checkout: a shallow clone of the head, as `actions/checkout` makes it. */
  workspace: string
  base: string
  head: string
}

/** An origin with `main` (the base) and `feature` (the head), and a depth-1 clone of `feature`. */
export function pullRequestRepo(
  base: Record<string, string>,
  head: Record<string, string | null>,
): PullRequestRepo {
  const dir = scratch('pr')
  const origin = path.join(dir, 'origin')
  mkdirSync(origin)
  git(origin, 'init', '-q', '-b', 'main')
  writeFiles(origin, base)
  git(origin, 'add', '-A')
  git(origin, 'commit', '-q', '-m', 'base')
  const baseSha = git(origin, 'rev-parse', 'HEAD')
  git(origin, 'checkout', '-q', '-b', 'feature')
  writeFiles(origin, head)
  git(origin, 'add', '-A')
  git(origin, 'commit', '-q', '-m', 'head')
  const headSha = git(origin, 'rev-parse', 'HEAD')
  const workspace = path.join(dir, 'workspace')
  git(dir, 'clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin}`, workspace)
  return { workspace, base: baseSha, head: headSha }
}

/** A repository with one commit and no pull request. */
export function plainRepo(files: Record<string, string>): string {
  const dir = scratch('repo')
  git(dir, 'init', '-q', '-b', 'main')
  writeFiles(dir, files)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'zones')
  return dir
}

export interface ActionRun {
  status: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

export function runAction(
  workspace: string,
  inputs: Record<string, string>,
  pr?: { base: string; head: string },
): ActionRun {
  const step = prepareStep(workspace, inputs, pr)
  const child = spawnSync(process.execPath, [BUNDLE], {
    cwd: workspace,
    env: step.env,
    encoding: 'utf8',
  })
  return step.result(child.status, child.stdout, child.stderr)
}

/** As `runAction`, leaving the event loop free: for steps that talk to a server in this process. */
export async function runActionAsync(
  workspace: string,
  inputs: Record<string, string>,
): Promise<ActionRun> {
  const step = prepareStep(workspace, inputs)
  const child = spawn(process.execPath, [BUNDLE], { cwd: workspace, env: step.env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return step.result(status, stdout, stderr)
}

function prepareStep(
  workspace: string,
  inputs: Record<string, string>,
  pr?: { base: string; head: string },
): {
  env: Record<string, string>
  result(status: number | null, stdout: string, stderr: string): ActionRun
} {
  const temp = scratch('runner')
  const outputFile = path.join(temp, 'output')
  const summaryFile = path.join(temp, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: temp,
    ...GIT_ENV,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo-org/zones',
    GITHUB_SHA: pr?.head ?? git(workspace, 'rev-parse', 'HEAD'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
  }
  if (pr) {
    const eventPath = path.join(temp, 'event.json')
    writeFileSync(
      eventPath,
      JSON.stringify({
        action: 'synchronize',
        number: 7,
        pull_request: { number: 7, base: { sha: pr.base, ref: 'main' }, head: { sha: pr.head } },
      }),
    )
    env.GITHUB_EVENT_NAME = 'pull_request'
    env.GITHUB_EVENT_PATH = eventPath
  } else env.GITHUB_EVENT_NAME = 'push'
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return {
    env,
    result: (status, stdout, stderr) => ({
      status: status ?? -1,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
    }),
  }
}

/** `name<<DELIMITER`, the value's lines, `DELIMITER`: the file `setOutput` appends to. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] as string)
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] as string)
    out[m[1] as string] = value.join('\n')
  }
  return out
}

export interface Command {
  name: string
  properties: Record<string, string>
  message: string
}

/**
 * The workflow commands the runner would obey in `stdout`, read as the runner reads them: a line
 * that starts with `::` (after leading blanks), except inside `::stop-commands::` blocks.
 */
export function commands(stdout: string): Command[] {
  const out: Command[] = []
  let stopToken: string | undefined
  for (const raw of stdout.split('\n')) {
    const line = raw.trimStart()
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined
      continue
    }
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    if (m[1] === 'stop-commands') {
      stopToken = m[3]
      continue
    }
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1))
    }
    out.push({ name: m[1] as string, properties, message: unescape(m[3] as string) })
  }
  return out
}

function unescape(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}
