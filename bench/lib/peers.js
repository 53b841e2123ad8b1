/** Finding and naming the peers, so that a missing one is reported rather than crashing a case. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export const require = createRequire(import.meta.url)

/** Absolute path of a program on PATH, or null. @param {string} name */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name)
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return file
    } catch {
      // not in this directory
    }
  }
  return null
}

/** `name@version` of an installed npm package, or null. @param {string} name */
export function npmPeer(name) {
  try {
    const pkg = JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8'))
    return `${name}@${pkg.version}`
  } catch {
    return null
  }
}

/** @param {string} name @returns {import('./case.js').Probe} */
export function probeNpm(name) {
  const label = npmPeer(name)
  return label
    ? { ready: true, label }
    : { ready: false, reason: `peer missing: npm package ${name} is not installed` }
}

/** BIND's upstream version, e.g. `9.18.49` (without the distribution suffix). @param {string} file */
export function bindVersion(file) {
  try {
    return execFileSync(file, ['-v'], { encoding: 'utf8' }).trim().split('-')[0]
  } catch {
    return 'unknown version'
  }
}
