#!/usr/bin/env node
// The CLI runs from one bundled file: loading a single module starts several times faster
// than resolving the hundreds of small modules `tsc` emits (build/ keeps those for the API).
import { main } from '../build/cli/index.js'

process.exitCode = await main(process.argv.slice(2))
