/** Loads an OpenSPF test-suite file (see test/fixtures/openspf) into plain scenarios. */
import { readFileSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import type { MemoryZone } from '../../src/dns/memory.js'

export interface SuiteCase {
  id: string
  description?: string
  helo: string
  host: string
  mailfrom: string
  /** Every acceptable result. */
  results: string[]
  explanation?: string
}

export interface SuiteScenario {
  description: string
  zonedata: MemoryZone
  cases: SuiteCase[]
}

export function loadSuite(path: string): SuiteScenario[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'))
  return docs.map((doc) => {
    const data = doc.toJS() as {
      description: string
      zonedata?: MemoryZone
      tests: Record<string, Record<string, unknown>>
    }
    const cases = Object.entries(data.tests).map(([id, t]): SuiteCase => {
      const result = t.result as string | string[]
      const c: SuiteCase = {
        id,
        helo: String(t.helo),
        host: String(t.host),
        mailfrom: String(t.mailfrom ?? ''),
        results: Array.isArray(result) ? result : [result],
      }
      if (typeof t.description === 'string') c.description = t.description
      if (t.explanation !== undefined) c.explanation = String(t.explanation)
      return c
    })
    return { description: data.description, zonedata: data.zonedata ?? {}, cases }
  })
}

/** The check_host() arguments the suite means: an empty MAIL FROM uses postmaster@HELO. */
export function checkHostInput(c: SuiteCase): {
  ip: string
  domain: string
  sender: string
  helo: string
} {
  const sender = c.mailfrom === '' ? `postmaster@${c.helo}` : c.mailfrom
  const domain = sender.slice(sender.lastIndexOf('@') + 1)
  return { ip: c.host, domain, sender, helo: c.helo }
}
