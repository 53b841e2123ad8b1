/** Run the CLI in-process and capture what it prints, as a user's terminal would see it. */
import { vi } from 'vitest'
import { main } from '../../src/cli.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk)
    return true
  })
  const saved: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries({ GITHUB_ACTIONS: undefined, NO_COLOR: '1', ...env })) {
    saved[key] = process.env[key]
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  try {
    const code = await main(argv)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}
