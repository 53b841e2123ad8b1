/**
 * startup: the action's cold start, as a runner pays it on every pull request: start Node, load
 * the committed bundle (`dist/index.js`), lint `examples/` and print the annotations. The peer
 * is a bare `node -e ''`, so the difference is the time the action adds. Aim: under 150 ms added.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const BUNDLE = path.join(ROOT, 'dist/index.js')

/** @type {import('../lib/case.js').BenchCase} */
export default {
  name: 'startup',
  title: 'action cold start: node dist/index.js on examples/ vs node -e ""',
  aim: { addedMs: 150 },
  timing: 'process',
  async prepare() {
    return {
      bundle: BUNDLE,
      cwd: ROOT,
      bytes: fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).size : 0,
    }
  },
  ours: {
    kind: 'command',
    async probe(params) {
      if (!fs.existsSync(params.bundle))
        return { ready: false, reason: 'dist/index.js not built (npm run bundle)' }
      return {
        ready: true,
        label: `node dist/index.js (${Math.round(params.bytes / 1024)} KiB bundle)`,
      }
    },
    // Inputs reach an action as INPUT_* variables; `env` sets them for the child alone.
    // fail-on: never keeps the exit status 0 although the examples contain mistakes.
    command: (params) => ({
      file: '/usr/bin/env',
      args: [
        'INPUT_PATHS=examples',
        'INPUT_FAIL-ON=never',
        'INPUT_SUMMARY=false',
        'INPUT_ONLY-CHANGED=none',
        `GITHUB_WORKSPACE=${params.cwd}`,
        process.execPath,
        params.bundle,
      ],
    }),
  },
  peer: {
    kind: 'command',
    async probe() {
      return { ready: true, label: "node -e ''" }
    },
    command: () => ({ file: process.execPath, args: ['-e', ''] }),
  },
}
