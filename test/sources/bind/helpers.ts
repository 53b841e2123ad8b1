import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveLocation, SourceFile } from '../../../src/model/source.js'
import { parseMasterFile, type ParseOptions } from '../../../src/sources/bind/index.js'
import type { SourceResult } from '../../../src/sources/types.js'

export const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/bind',
)

/** Parse zone text held in memory (latin1: one character per byte). */
export function parseText(
  text: string,
  options: Partial<ParseOptions> = {},
  name = 'test.zone',
): SourceResult {
  const file = new SourceFile(name, `/virtual/${name}`, text, 'bytes')
  return parseMasterFile(file, { origin: 'example.com', ...options })
}

export function readLatin1(absPath: string): string {
  return readFileSync(absPath).toString('latin1')
}

/** Diagnostics as `code line:column message`, for readable assertions. */
export function describeDiagnostics(result: SourceResult): string[] {
  return result.diagnostics.map((d) => {
    const at = resolveLocation(d.location)
    return `${d.code} ${at.line}:${at.column} ${d.message}`
  })
}

export const APEX = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@ SOA ns hostmaster 1 7200 3600 1209600 300',
  '@ NS ns.example.net.',
  '',
].join('\n')
