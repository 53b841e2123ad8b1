/**
 * The GitHub Action's entry point (bundled to dist/index.js): the toolkit-backed runner in,
 * an exit code out. Everything else lives in `github/run-action.ts`.
 *
 * No top-level `await` here: it would make this an async module, which the bundler wraps, with
 * all of spf-lint's own code, in one function that V8 parses twice (once to skip it, once to run
 * it). Without it, that code sits at the top level of dist/index.js: 35 ms less of every cold
 * start.
 */
import { actionsRunner } from './report/github-actions.js'
import { runAction } from './github/run-action.js'

const runner = actionsRunner()
runAction(runner, process.env, process.cwd()).then(
  (code) => (process.exitCode = code),
  (error: unknown) =>
    runner.setFailed(`spf-lint: ${error instanceof Error ? error.message : String(error)}`),
)
