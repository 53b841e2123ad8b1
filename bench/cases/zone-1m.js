/**
 * zone-1m: read, parse and lint a 1,000,000-record BIND zone, against `named-checkzone` loading
 * the same file with its semantic checks off. Both are whole programs timed from spawn to exit:
 * what a user waits for in CI.
 */
import path from 'node:path'
import { buildExport, importBuild, notBuilt } from '../lib/case.js'
import { bindVersion, which } from '../lib/peers.js'
import { ZONE, ensureZone } from '../generate-zone.js'

// Integrity checks (-i) and every other semantic check off: with them on, BIND resolves
// out-of-zone MX targets over the network. What is left is loading the zone.
const IGNORED_CHECKS = ['-k', '-n', '-m', '-M', '-S', '-r', '-T', '-W']
const CHECKZONE_ARGS = ['-q', '-i', 'none', ...IGNORED_CHECKS.flatMap((o) => [o, 'ignore'])]

/** @param {number} records */
const paramsFor = (records) => ({ records, file: ensureZone(records), zone: ZONE })

/**
 * Our entry point: the whole pipeline when `lint()` is built, else the BIND reader plus
 * `parseSpf` on every SPF record (said so in the output).
 */
async function ourPipeline() {
  const lint = await buildExport('lint.js', 'lint')
  if (lint) return { mode: 'lint', lint }
  const bind = await importBuild('sources/bind/index.js')
  const parseSpf = await buildExport('spf/parse.js', 'parseSpf')
  const isSpf = await buildExport('spf/types.js', 'isSpfRecordText')
  if (bind?.loadBindFiles && parseSpf && isSpf) {
    return { mode: 'reader', loadBindFiles: bind.loadBindFiles, parseSpf, isSpf }
  }
  return null
}

/** @type {import('../lib/case.js').BenchCase} */
export default {
  name: 'zone-1m',
  title: 'parse and lint a 1,000,000-record BIND zone (quick: 10,000)',
  aim: { ratio: 0.5, peak: 1.0 },
  timing: 'process',
  rounds: 3,
  async prepare({ quick }) {
    return paramsFor(quick ? 10_000 : 1_000_000)
  },
  scale: {
    full: [10_000, 100_000, 1_000_000],
    quick: [1_000, 10_000],
    params: async (_opts, records) => paramsFor(records),
  },
  ours: {
    kind: 'js',
    async probe() {
      const p = await ourPipeline()
      if (!p) return notBuilt('src/lint.ts, or src/sources/bind + src/spf/parse.ts')
      return p.mode === 'lint'
        ? { ready: true, label: 'spf-lint lint() (read, parse, SPF parse, lookup walk, all rules)' }
        : {
            ready: true,
            label: 'spf-lint loadBindFiles() + parseSpf()',
            note: 'lint() is not built yet: ours is the BIND reader plus parseSpf on every SPF record',
          }
    },
    async setup(params) {
      return { params, pipeline: await ourPipeline() }
    },
    async run({ params, pipeline }) {
      const dir = path.dirname(params.file)
      if (pipeline.mode === 'lint') {
        const result = await pipeline.lint({ paths: [params.file], root: dir, cwd: dir })
        return {
          records: result.records.length,
          spf: result.spf.length,
          findings: result.findings.length,
        }
      }
      const loaded = await pipeline.loadBindFiles([params.file], { root: dir, cwd: dir })
      let spf = 0
      for (const record of loaded.records) {
        if (record.txt && pipeline.isSpf(record.txt.text)) {
          pipeline.parseSpf(record.txt.text)
          spf++
        }
      }
      return { records: loaded.records.length, spf }
    },
  },
  peer: {
    kind: 'command',
    async probe() {
      const file = which('named-checkzone')
      if (!file)
        return {
          ready: false,
          reason:
            'peer missing: named-checkzone (Debian bind9-utils) is not installed; not counted',
        }
      return { ready: true, label: `named-checkzone ${bindVersion(file)}` }
    },
    command(params) {
      return {
        file: /** @type {string} */ (which('named-checkzone')),
        args: [...CHECKZONE_ARGS, params.zone, params.file],
      }
    },
  },
}
