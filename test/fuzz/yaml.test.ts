/**
 * The octoDNS and native YAML readers on arbitrary text and mutated fixtures: records and
 * located diagnostics, never a throw, bounded time per input.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/model/source.js'
import { readNativeZone } from '../../src/sources/native/index.js'
import { readZoneFile } from '../../src/sources/octodns/zone.js'
import { detectYamlKind } from '../../src/sources/octodns/index.js'
import type { SourceContext, SourceDiagnostic } from '../../src/sources/types.js'
import { ParsedDocuments } from '../../src/sources/yaml/parse.js'
import type { ZoneRecord } from '../../src/model/record.js'
import { expectInFile, mutated, runs, settings, timed, timedAsync, yamlCorpus } from './support.js'

// An empty root: `!include` can only fail, and must fail with a finding.
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'spf-lint-fuzz-')))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const octodns = yamlCorpus('octodns')
const native = yamlCorpus('native')
const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300, unit: 'binary' }))

function check(result: { records: ZoneRecord[]; diagnostics: SourceDiagnostic[] }): void {
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^SPF40[1-4]$/)
    expectInFile(d.location)
  }
  for (const r of result.records) {
    expectInFile(r.location)
    expectInFile(r.rdataLocation)
  }
}

async function octo(source: string, parsed?: ParsedDocuments) {
  const file = new SourceFile('example.com.yaml', path.join(root, 'example.com.yaml'), source)
  const options = {
    zone: 'example.com',
    defaultTtl: 3600,
    enforceOrder: true,
    escapedSemicolons: true,
  }
  const ctx: SourceContext = { root, cwd: root, ...(parsed ? { parsed } : {}) }
  return readZoneFile(file, options, ctx)
}

function nat(source: string, parsed?: ParsedDocuments) {
  const file = new SourceFile('x.zone.yaml', path.join(root, 'x.zone.yaml'), source)
  return readNativeZone(file, undefined, parsed)
}

/** What a reader found, comparable across two reads of the same text. */
function seen(result: { records: ZoneRecord[]; diagnostics: SourceDiagnostic[] }) {
  return {
    records: result.records.map((r) => [r.name, r.type, r.ttl, r.rdata, r.location.start]),
    diagnostics: result.diagnostics.map((d) => [d.code, d.message, d.location.start]),
  }
}

/** Tell the file apart first, as a run does, keeping the document for the reader. */
function detected(source: string): ParsedDocuments {
  const parsed = new ParsedDocuments()
  detectYamlKind('example.com.yaml', source, parsed)
  return parsed
}

describe('octoDNS zone reader', () => {
  test('arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (source) => check(await timedAsync(() => octo(source)))),
      settings('octodns-text', runs(200)),
    )
  })

  test('mutated fixtures', async () => {
    expect(octodns.length).toBeGreaterThan(8)
    await fc.assert(
      fc.asyncProperty(mutated(octodns), async (source) => {
        check(await timedAsync(() => octo(source)))
        timed(() => detectYamlKind('example.com.yaml', source))
      }),
      settings('octodns-mutated', runs(300)),
    )
  })
})

describe('one parse per file', () => {
  // The document parsed to tell a file apart is the one its reader reads: reading must find
  // exactly what a fresh parse finds, whichever options each side used.
  test('the readers find the same with the document kept from detection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(octodns), mutated(native), text), async (source) => {
        expect(seen(await octo(source, detected(source)))).toEqual(seen(await octo(source)))
        expect(seen(nat(source, detected(source)))).toEqual(seen(nat(source)))
      }),
      settings('yaml-reuse', runs(200)),
    )
  })
})

describe('native zone reader', () => {
  test('arbitrary text', () => {
    fc.assert(
      fc.property(text, (source) => check(timed(() => nat(source)))),
      settings('native-text', runs(200)),
    )
  })

  test('mutated fixtures', () => {
    expect(native.length).toBeGreaterThan(3)
    fc.assert(
      fc.property(mutated(native), (source) => check(timed(() => nat(source)))),
      settings('native-mutated', runs(300)),
    )
  })

  test('the fixtures read back the same from their own records (round trip)', () => {
    // Print what was read as a native zone, read it again: the same records.
    for (const source of native) {
      const first = nat(source)
      const zone = first.records[0]?.zone
      if (!zone) continue
      const lines = [`zone: ${zone}`, 'records:']
      for (const r of first.records) {
        const name = r.name === zone ? '@' : `${r.name}.`
        const key = r.txt ? 'strings' : 'value'
        const value = r.txt ? JSON.stringify(r.txt.strings) : JSON.stringify(r.rdata)
        lines.push(
          `  - { name: ${JSON.stringify(name)}, type: ${r.type}, ttl: ${r.ttl}, ${key}: ${value} }`,
        )
      }
      const again = nat(`${lines.join('\n')}\n`)
      expect(again.diagnostics.map((d) => d.message)).toEqual([])
      const view = (rs: ZoneRecord[]) => rs.map((r) => [r.name, r.type, r.ttl, r.rdata])
      expect(view(again.records)).toEqual(view(first.records))
    }
  })
})
