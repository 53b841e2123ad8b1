/**
 * The OpenSPF RFC 7208 test suite as benchmark input, and an in-memory resolver over its
 * `zonedata` in the shape mailauth expects (node:dns style: arrays on success, errors with
 * `code` ENOTFOUND / ENODATA / ETIMEOUT otherwise).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CANDIDATES = [path.join(ROOT, 'test/fixtures/openspf/rfc7208-tests.yml')]

/** The suite file, or null when neither copy is present. */
export function findSuite() {
  return CANDIDATES.find((f) => fs.existsSync(f)) ?? null
}

/**
 * @typedef {{ name: string, helo: string, host: string, mailfrom: string, results: string[] }} SuiteTest
 * @typedef {{ description: string, zonedata: Record<string, any[]>, tests: SuiteTest[] }} Scenario
 */

/** @param {string} file @returns {Scenario[]} */
export function loadSuite(file) {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'))
  return (Array.isArray(docs) ? docs : [docs]).map((doc) => {
    const data = doc.toJS()
    const tests = Object.entries(data.tests ?? {}).map(([name, t]) => ({
      name,
      helo: String(t.helo ?? ''),
      host: String(t.host),
      mailfrom: String(t.mailfrom ?? ''),
      results: [t.result].flat().map(String),
    }))
    return { description: data.description, zonedata: data.zonedata ?? {}, tests }
  })
}

/** @param {string} code @param {string} name */
function dnsError(code, name) {
  return Object.assign(new Error(`${code} ${name}`), { code })
}

/**
 * The suite's conventions, answered exactly as our `MemoryResolver` (src/dns/memory.ts) answers
 * them, so that both engines see the same DNS: names are case-insensitive; SPF-type data is also
 * served as TXT (after the name's other entries) unless the name has a `TXT` entry, `NONE`
 * included; `TIMEOUT` fails a query that no entry listed before it answers; CNAMEs are followed,
 * and a chain longer than 8 fails.
 * @param {Record<string, any[]>} zonedata
 */
export function mailauthResolver(zonedata) {
  /** @type {Map<string, ({ type: string, value: any } | 'TIMEOUT')[]>} */
  const zone = new Map()
  for (const [owner, records] of Object.entries(zonedata)) {
    const entries = []
    const spf = []
    let explicitTxt = false
    for (const record of records ?? []) {
      if (record === 'TIMEOUT') {
        entries.push(/** @type {const} */ ('TIMEOUT'))
        continue
      }
      const [type, value] = /** @type {[string, any]} */ (Object.entries(record)[0])
      const upper = type.toUpperCase()
      if (upper === 'TXT') explicitTxt = true
      if ((upper === 'TXT' || upper === 'SPF') && value === 'NONE') continue
      entries.push({ type: upper, value })
      if (upper === 'SPF') spf.push({ type: 'TXT', value })
    }
    if (!explicitTxt) entries.push(...spf)
    zone.set(normalize(owner), entries)
  }
  /** @param {string} name @param {string} type @param {number} depth @returns {any[]} */
  const lookup = (name, type, depth) => {
    const entries = zone.get(normalize(name))
    if (!entries) throw dnsError('ENOTFOUND', name)
    const found = []
    let cname
    for (const entry of entries) {
      if (entry === 'TIMEOUT') {
        if (!found.length) throw dnsError('ETIMEOUT', name)
        break
      }
      if (entry.type === type) found.push(shape(type, entry.value))
      else if (entry.type === 'CNAME' && cname === undefined) cname = String(entry.value)
    }
    if (found.length) return found
    if (cname !== undefined && type !== 'CNAME') {
      if (depth >= 8) throw dnsError('ESERVFAIL', name)
      return lookup(cname, type, depth + 1)
    }
    throw dnsError('ENODATA', name)
  }
  return async (/** @type {string} */ name, /** @type {string} */ type) => lookup(name, type, 0)
}

/** @param {string} name */
const normalize = (name) => name.toLowerCase().replace(/\.$/, '')

/** @param {string} type @param {any} value */
function shape(type, value) {
  if (type === 'TXT' || type === 'SPF') return (Array.isArray(value) ? value : [value]).map(String)
  if (type === 'MX') return { priority: Number(value[0]), exchange: String(value[1] ?? '') }
  return String(value)
}
