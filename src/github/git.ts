/** Git through `execFile` (never a shell): arguments are data, whatever a branch or path holds. */

/**
 * Node's process module, loaded on first use: most runs start no program, and loading it (with
 * the network modules it brings) costs every cold start of the action some milliseconds.
 */
const childProcess = () => import('node:child_process')

export async function git(args: string[], cwd: string): Promise<string> {
  const { execFile } = await childProcess()
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: gitEnv() },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args[0]} failed: ${(stderr || error.message).trim()}`))
        else resolve(stdout)
      },
    )
  })
}

export async function gitSucceeds(args: string[], cwd: string): Promise<boolean> {
  return git(args, cwd).then(
    () => true,
    () => false,
  )
}

/** Write the tree of `commit` into `dest` (`git archive | tar -x`), leaving the checkout alone. */
export async function extractTree(commit: string, cwd: string, dest: string): Promise<void> {
  const { spawn } = await childProcess()
  await new Promise<void>((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', commit], { cwd, env: gitEnv() })
    const tar = spawn('tar', ['-x', '-f', '-', '-C', dest])
    let stderr = ''
    archive.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    archive.stdout.pipe(tar.stdin)
    let pending = 2
    const done = (what: string) => (code: number | null) => {
      if (code !== 0) reject(new Error(`${what} failed (exit ${code}): ${stderr.trim()}`))
      else if (--pending === 0) resolve()
    }
    archive.on('error', reject)
    tar.on('error', reject)
    archive.on('close', done('git archive'))
    tar.on('close', done('tar -x'))
  })
}

/** No pager, no prompts, and nothing from the user's config that changes diff output. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' }
}
