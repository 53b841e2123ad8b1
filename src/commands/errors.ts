import { visible } from '../report/sanitize.js'

/** Errors the user can act on: printed as one line on stderr, never as a stack trace. */
export class UsageError extends Error {}

export function fatal(error: unknown, usage: string): number {
  if (error instanceof UsageError) {
    process.stderr.write(`spf-lint: ${visible(error.message)}\n\n${usage}`)
    return 2
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`spf-lint: fatal: ${visible(message)}\n`)
  if (process.env.SPF_LINT_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`)
  return 2
}
