/**
 * The contract of a benchmark case. A case is one module in `bench/cases/` whose default export
 * is a `BenchCase`; the runner finds it by listing the folder, so adding a case is adding a file.
 *
 * Both sides of a case run in a fresh child process per measurement (see `measure.js`), which is
 * why a case is split into `prepare` (parent: make inputs, return plain JSON params) and, per
 * side, `setup` + `run` (child: load code and data untimed, then do the timed work once).
 *
 * @typedef {{ quick: boolean }} RunOptions
 *
 * @typedef {{ ready: true, label: string, note?: string } | { ready: false, reason: string }} Probe
 *
 * @typedef {object} JsSide  Work done in a Node child process.
 * @property {'js'} kind
 * @property {(params: any) => Promise<Probe>} probe  Cheap check that the code is there.
 * @property {(params: any) => Promise<any>} setup  Untimed: load modules and inputs.
 * @property {(state: any) => Promise<any>} run  Timed. Returns a small JSON summary of the work
 *   done (counts), printed so that a reader can see both sides did the same job.
 *
 * @typedef {object} CommandSide  A program (native, or a CLI), timed from spawn to exit. Needs
 *   `timing: 'process'` so that both sides are timed the same way.
 * @property {'command'} kind
 * @property {(params: any) => Promise<Probe>} probe
 * @property {(params: any) => { file: string, args: string[] }} command
 *
 * @typedef {object} Aim  The targets a case is held to; all are optional.
 * @property {number} [ratio]  ours/peer time (lower is better)
 * @property {number} [peak]  ours/peer peak memory
 * @property {number} [ms]  ours' time alone, for a case without a peer
 * @property {number} [addedMs]  ours' time less the peer's: what ours adds to a baseline run
 *
 * @typedef {object} BenchCase
 * @property {string} name  Used by `--case` and in the JSON.
 * @property {string} title  What is measured, in a few words.
 * @property {Aim} aim
 * @property {'inner' | 'process'} timing  `inner`: time `run()` inside the child (library work);
 *   `process`: wall time from spawn to exit for both sides (CLI against CLI).
 * @property {number} [rounds]  Measured rounds in a full run when the default 5 would take too
 *   long (a side that needs most of a minute per run).
 * @property {(opts: RunOptions) => Promise<any>} prepare  Parent side: generate inputs and return
 *   params for both sides (plain JSON). May return `{ skip: reason }` when an input is missing.
 * @property {JsSide | CommandSide} ours  A command when the case times our CLI itself
 *   (e.g. a `startup` case running `bin/spf-lint.js --version`).
 * @property {JsSide | CommandSide | null} peer  `null` for a case without a peer (ours alone).
 * @property {{ full: number[], quick: number[], params: (opts: RunOptions, records: number) => Promise<any> }} [scale]
 *   Optional size series for a growth table; `params` returns the case params for one size.
 */

import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const BUILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build')

/**
 * Import a compiled module of ours, or `null` when it is not built (yet). Other errors (a bug
 * in the module) are thrown: they are crashes, not absences.
 * @param {string} rel  Path under `build/`, e.g. `spf/parse.js`.
 */
export async function importBuild(rel) {
  const file = path.join(BUILD, rel)
  try {
    return await import(pathToFileURL(file).href)
  } catch (err) {
    const e = /** @type {NodeJS.ErrnoException} */ (err)
    // Missing here or missing a module it imports (half built): either way, not built yet.
    if (e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(BUILD)) return null
    throw err
  }
}

/**
 * A named export of a compiled module of ours, or `null`.
 * @param {string} rel @param {string} name
 */
export async function buildExport(rel, name) {
  const mod = await importBuild(rel)
  const value = mod?.[name]
  return value === undefined ? null : value
}

/**
 * The first of several candidate modules that exports `name`, or `null`: for APIs whose final
 * file is not settled yet.
 * @param {string[]} rels @param {string} name
 */
export async function findExport(rels, name) {
  for (const rel of rels) {
    const value = await buildExport(rel, name)
    if (value !== null) return value
  }
  return null
}

/** Prefix of the line on which a worker reports its measurement. */
export const RESULT_MARK = '@@bench-result '

/** @param {string} what @returns {Probe} */
export const notBuilt = (what) => ({ ready: false, reason: `ours: not built yet (${what})` })
