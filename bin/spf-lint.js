#!/usr/bin/env node
// The CLI runs from one bundled file: loading a single module starts several times faster
// than resolving the hundreds of small modules `tsc` emits (build/ keeps those for the API).
import { main } from '../build/cli/index.js'

// `spf-lint ... | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await main(process.argv.slice(2))
