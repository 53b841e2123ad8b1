/**
 * zone-parse: parse a zone held in memory, against the npm `dns-zonefile` parser. Both sides get
 * the same text and return records; file reading is outside the timed part. The zone has 200,000
 * records rather than 1,000,000 because the peer takes seconds per run at that size.
 */
import fs from 'node:fs'
import path from 'node:path'
import { buildExport, findExport, notBuilt } from '../lib/case.js'
import { probeNpm } from '../lib/peers.js'
import { ZONE, ensureZone } from '../generate-zone.js'

export const BIND_MODULES = [
  'sources/bind/index.js',
  'sources/bind/parse.js',
  'sources/bind/master.js',
]

/** @type {import('../lib/case.js').BenchCase} */
export default {
  name: 'zone-parse',
  title: 'parse a 200,000-record zone from memory (quick: 10,000)',
  aim: { ratio: 0.05 },
  timing: 'inner',
  async prepare({ quick }) {
    const records = quick ? 10_000 : 200_000
    return { records, file: ensureZone(records), zone: ZONE }
  },
  ours: {
    kind: 'js',
    async probe() {
      const parse = await findExport(BIND_MODULES, 'parseMasterFile')
      const SourceFile = await buildExport('model/source.js', 'SourceFile')
      if (!parse || !SourceFile) return notBuilt('parseMasterFile in src/sources/bind')
      return { ready: true, label: 'spf-lint parseMasterFile()' }
    },
    async setup(params) {
      const parseMasterFile = await findExport(BIND_MODULES, 'parseMasterFile')
      const SourceFile = await buildExport('model/source.js', 'SourceFile')
      // Zone files are read as latin1 (one char per octet), as our reader does.
      const text = fs.readFileSync(params.file, 'latin1')
      const file = new SourceFile(path.basename(params.file), params.file, text, 'bytes')
      return { parseMasterFile, file, zone: params.zone }
    },
    async run({ parseMasterFile, file, zone }) {
      const result = parseMasterFile(file, { origin: zone })
      return { records: result.records.length, diagnostics: result.diagnostics?.length ?? 0 }
    },
  },
  peer: {
    kind: 'js',
    async probe() {
      return probeNpm('dns-zonefile')
    },
    async setup(params) {
      const zonefile = (await import('dns-zonefile')).default
      return { zonefile, text: fs.readFileSync(params.file, 'utf8') }
    },
    async run({ zonefile, text }) {
      const zone = zonefile.parse(text)
      let records = 0
      for (const value of Object.values(zone)) {
        if (Array.isArray(value)) records += value.length
        else if (value && typeof value === 'object') records++
      }
      return { records }
    },
  },
}
