/**
 * The native YAML zone format (schemas/zone.schema.json), for teams with neither BIND nor
 * octoDNS:
 *
 *   zone: corp.example
 *   ttl: 3600
 *   records:
 *     - name: '@'
 *       type: TXT
 *       value: v=spf1 include:_spf.corp.example -all
 *
 * YAML 1.2, validated with its JSON Schema; values are taken literally (no escapes).
 */
import { isMap, isNode, isScalar, isSeq, visit } from 'yaml'
import type { Document, Node } from 'yaml'
import type { ZoneRecord } from '../../model/record.js'
import { addressProblem } from '../../model/address.js'
import type { SourceFile } from '../../model/source.js'
import type { SourceContext, SourceDiagnostic, SourceResult } from '../types.js'
import { appendAll, emptySourceResult } from '../types.js'
import { validateDocument } from '../yaml/ajv.js'
import { readFailure, readInRoot } from '../yaml/files.js'
import { keyText, nodeLocation } from '../yaml/nodes.js'
import { parseYaml, type ParsedDocuments } from '../yaml/parse.js'
import { mapScalar } from '../yaml/scalar.js'
import type { MappedText } from '../yaml/scalar.js'
import { validateZone } from '../yaml/validators.js'
import { collectYamlSuppressions } from '../yaml/suppressions.js'
import { splitIntoStrings, txtDataFromStrings, txtRdata } from '../yaml/txt.js'
import { defaultLimits, type Limits } from '../../limits.js'

/** The naming convention native zone files should follow. */
export const NATIVE_ZONE_SUFFIX = '.zone.yaml'

export function isNativeZonePath(filePath: string): boolean {
  return /\.zone\.ya?ml$/i.test(filePath)
}

interface NativeRecord {
  name: string
  type: string
  ttl?: number
  value?: string
  values?: string[]
  strings?: string[]
}

interface NativeZone {
  zone: string
  ttl?: number
  records: NativeRecord[]
}

const DEFAULT_TTL = 3600

function absolute(name: string, zone: string): string {
  if (name === '@') return zone
  if (name.endsWith('.')) return name.slice(0, -1).toLowerCase()
  return `${name.toLowerCase()}.${zone}`
}

function target(name: string, zone: string): string {
  return `${absolute(name.trim(), zone)}.`
}

function rdataFor(type: string, value: string, zone: string): string | undefined {
  switch (type) {
    case 'MX': {
      const match = /^\s*(\d+)\s+(\S+)\s*$/.exec(value)
      return match ? `${Number(match[1])} ${target(match[2] as string, zone)}` : undefined
    }
    case 'CNAME':
    case 'NS':
      return target(value, zone)
    case 'A':
    case 'AAAA': {
      const address = value.trim()
      return addressProblem(type, address) === undefined ? address.toLowerCase() : undefined
    }
    default:
      return value.trim().toLowerCase()
  }
}

/** Why `rdataFor()` refused a value. */
function badValue(type: string, value: string, zone: string): string {
  // The value as written: spaces around it make it no more an address.
  if (type === 'A' || type === 'AAAA') return addressProblem(type, value) as string
  return `${type} value "${value}" must be "preference exchange", e.g. "10 mx1.${zone}."`
}

function readRecords(
  file: SourceFile,
  doc: Document,
  zone: NativeZone,
  skip: Set<number>,
  limits: Limits,
): {
  records: ZoneRecord[]
  diagnostics: SourceDiagnostic[]
} {
  const records: ZoneRecord[] = []
  const diagnostics: SourceDiagnostic[] = []
  const apex = zone.zone.replace(/\.$/, '').toLowerCase()
  let full = false
  // Past the limit the rest of the file is dropped, with one finding at the first record lost.
  const room = (node: Node): boolean => {
    if (records.length < limits.maxRecordsPerFile) return true
    if (!full) {
      full = true
      diagnostics.push({
        code: 'SPF401',
        message: `more than ${limits.maxRecordsPerFile} records in one file (limits.maxRecordsPerFile); the rest of the file was not read`,
        location: nodeLocation(file, node),
      })
    }
    return false
  }
  const tooManyStrings = (count: number, node: Node): boolean => {
    if (count <= limits.maxTxtStrings) return false
    diagnostics.push({
      code: 'SPF401',
      message: `${count} character-strings in one TXT record; at most ${limits.maxTxtStrings} (limits.maxTxtStrings); the record was not read`,
      location: nodeLocation(file, node),
    })
    return true
  }
  zone.records.forEach((entry, index) => {
    if (skip.has(index) || full) return
    const key = entry.strings ? 'strings' : entry.values ? 'values' : 'value'
    const map = doc.getIn(['records', index], true)
    const valueNode = doc.getIn(['records', index, key], true)
    // The value read (toJS) follows aliases; the nodes kept for locations do not.
    if (!isMap(map) || !isNode(valueNode)) {
      diagnostics.push({
        code: 'SPF404',
        message: 'a record written through a YAML alias cannot be located; write it out in full',
        location: nodeLocation(file, isNode(map) ? map : null),
      })
      return
    }
    const nodes = (isSeq(valueNode) ? valueNode.items : [valueNode]).filter(isNode)
    const base = {
      zone: apex,
      name: absolute(entry.name, apex),
      type: entry.type,
      ttl: entry.ttl ?? zone.ttl ?? DEFAULT_TTL,
      format: 'native' as const,
    }
    const span = (node: Node) => ({ file, start: map.range?.[0] ?? 0, end: node.range?.[1] ?? 0 })
    const isTxt = entry.type === 'TXT' || entry.type === 'SPF'
    if (key === 'strings') {
      if (!isTxt) {
        diagnostics.push({
          code: 'SPF404',
          message: `"strings" is only for TXT and SPF records, not ${entry.type}`,
          location: nodeLocation(file, valueNode),
        })
        return
      }
      if (!room(valueNode) || tooManyStrings(nodes.length, valueNode)) return
      const parts = nodes.map((n) => mapped(n))
      const txt = txtDataFromStrings(parts)
      records.push({
        ...base,
        rdata: txtRdata(txt.strings),
        txt,
        location: span(valueNode),
        rdataLocation: nodeLocation(file, valueNode),
      })
      return
    }
    for (const node of nodes) {
      if (!room(node)) return
      const location = span(node)
      const rdataLocation = nodeLocation(file, node)
      const text = String((node as { value?: unknown }).value ?? '')
      if (isTxt) {
        const strings = splitIntoStrings(mapped(node))
        if (tooManyStrings(strings.length, node)) continue
        const txt = txtDataFromStrings(strings)
        records.push({ ...base, rdata: txtRdata(txt.strings), txt, location, rdataLocation })
        continue
      }
      const rdata = rdataFor(entry.type, text, apex)
      if (rdata === undefined) {
        diagnostics.push({
          code: 'SPF404',
          message: badValue(entry.type, text, apex),
          location: rdataLocation,
        })
        continue
      }
      records.push({ ...base, rdata, location, rdataLocation })
    }
  })
  return { records, diagnostics }
}

function mapped(node: Node): MappedText {
  const text = isScalar(node) ? mapScalar(node) : undefined
  return text ?? { value: '', offsets: [], end: node.range?.[0] ?? 0 }
}

/** Read one native zone file that is already loaded. */
export function readNativeZone(
  file: SourceFile,
  limits: Limits = defaultLimits,
  documents?: ParsedDocuments,
): {
  records: ZoneRecord[]
  diagnostics: SourceDiagnostic[]
} {
  const parsed = parseYaml(file, { maxDepth: limits.maxYamlDepth, parsed: documents })
  const diagnostics = [...parsed.diagnostics]
  if (parsed.broken) return { records: [], diagnostics }
  // With a key written twice, the value read and the nodes located would disagree.
  const duplicates = duplicateKeyDiagnostics(file, parsed.doc)
  if (duplicates.length) return { records: [], diagnostics: [...diagnostics, ...duplicates] }
  let value: unknown
  try {
    value = parsed.doc.toJS({ maxAliasCount: limits.maxYamlAliases })
  } catch (error) {
    const message =
      error instanceof ReferenceError
        ? `too many YAML aliases (a resource exhaustion attack?); the file was not read`
        : `YAML: ${String(error)}`
    diagnostics.push({ code: 'SPF401', message, location: { file, start: 0, end: 0 } })
    return { records: [], diagnostics }
  }
  const errors = validateDocument(validateZone, value, parsed.doc, file)
  diagnostics.push(...errors.map((e) => e.diagnostic))
  // A problem inside one record drops that record; anything else drops the file.
  const skip = new Set<number>()
  for (const { path } of errors) {
    if (path[0] === 'records' && typeof path[1] === 'number') skip.add(path[1])
    else if (path[0] !== 'ttl' && path[0] !== '$schema') return { records: [], diagnostics }
  }
  if (!isMap(parsed.doc.contents)) return { records: [], diagnostics }
  const zone = value as NativeZone
  if (errors.some((e) => e.path[0] === 'ttl')) delete zone.ttl
  const read = readRecords(file, parsed.doc, zone, skip, limits)
  return { records: read.records, diagnostics: [...diagnostics, ...read.diagnostics] }
}

/** A key written twice in one mapping: YAML forbids it, and only the last would be used. */
function duplicateKeyDiagnostics(file: SourceFile, doc: Document): SourceDiagnostic[] {
  const found: SourceDiagnostic[] = []
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, Node>()
      for (const pair of map.items) {
        const key = keyText(pair.key)
        const first = seen.get(key)
        const node = pair.key as Node
        if (first) {
          const line = first.range ? file.position(first.range[0]).line : undefined
          found.push({
            code: 'SPF401',
            message: `duplicate key "${key}"${line ? ` (first on line ${line})` : ''}; the file was not read: remove one`,
            location: nodeLocation(file, node),
          })
        } else seen.set(key, node)
      }
    },
  })
  return found
}

/** Read native zone files (candidates the pipeline classified as `native`). */
export async function loadNative(absPaths: string[], ctx: SourceContext): Promise<SourceResult> {
  const result = emptySourceResult()
  for (const absPath of absPaths) {
    const read = readInRoot(absPath, ctx)
    if (!read.ok) {
      result.diagnostics.push(readFailure(absPath, read, ctx))
      continue
    }
    const zone = readNativeZone(read.file, ctx.limits ?? defaultLimits, ctx.parsed)
    result.files.push(read.file)
    appendAll(result.diagnostics, read.diagnostics)
    appendAll(result.records, zone.records)
    appendAll(result.diagnostics, zone.diagnostics)
    result.suppressions.push(...collectYamlSuppressions(read.file))
  }
  return result
}
