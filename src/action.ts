/**
 * The GitHub Action's entry point (bundled to dist/index.js): the toolkit-backed runner in,
 * an exit code out. Everything else lives in `github/run-action.ts`.
 */
import { actionsRunner } from './report/github-actions.js'
import { runAction } from './github/run-action.js'

const runner = actionsRunner()
try {
  process.exitCode = await runAction(runner, process.env, process.cwd())
} catch (error) {
  runner.setFailed(`spf-lint: ${error instanceof Error ? error.message : String(error)}`)
}
