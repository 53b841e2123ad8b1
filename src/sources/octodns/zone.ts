/** One octoDNS zone file (or one file of a split zone folder) -> records with positions. */
import path from 'node:path'
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node, Scalar, YAMLMap } from 'yaml'
import type { ZoneRecord } from '../../model/record.js'
import { addressProblem } from '../../model/address.js'
import type { SourceFile } from '../../model/source.js'
import type { SourceContext, SourceDiagnostic } from '../types.js'
import { readFailure, readInRoot } from '../yaml/files.js'
import {
  AliasBudget,
  AliasLimitError,
  duplicateKeys,
  lastWins,
  mapEntries,
  nodeLocation,
} from '../yaml/nodes.js'
import type { Entry } from '../yaml/nodes.js'
import { INCLUDE_TAG, parseYaml } from '../yaml/parse.js'
import { pyyamlInt } from '../yaml/pyyaml.js'
import { mapScalar } from '../yaml/scalar.js'
import { splitIntoStrings, txtDataFromStrings, txtRdata } from '../yaml/txt.js'
import { naturalCompare } from './order.js'
import { defaultLimits, type Limits } from '../../limits.js'
import {
  octodnsText,
  pyyamlTypeDiagnostic,
  semicolonDiagnostics,
  truncationDiagnostic,
} from './values.js'
import { appendAll } from '../types.js'

export interface ZoneFileOptions {
  /** Zone apex, lower-case, no trailing dot. */
  zone: string
  defaultTtl: number
  escapedSemicolons: boolean
  enforceOrder: boolean
}

export interface ZoneFileResult {
  records: ZoneRecord[]
  diagnostics: SourceDiagnostic[]
  /** Every file read: the zone file and what it `!include`s. */
  files: SourceFile[]
}

/**
 * The types SPF evaluation reads. ALIAS is octoDNS's apex alias: its provider answers A and AAAA
 * queries with the target's addresses, so an `a` term at the apex reaches them (dns/zone.ts).
 */
const SUPPORTED = new Set(['TXT', 'SPF', 'MX', 'A', 'AAAA', 'CNAME', 'NS', 'ALIAS'])

/** A node together with the file (and document) it was written in. */
interface Cursor {
  node: Node | null
  file: SourceFile
  budget: AliasBudget
  depth: number
}

class ZoneReader {
  readonly records: ZoneRecord[] = []
  readonly diagnostics: SourceDiagnostic[] = []
  readonly files: SourceFile[] = []
  private readonly limits: Limits
  /** Set once the file has given all the records it may (limits.maxRecordsPerFile). */
  private full = false

  constructor(
    private readonly options: ZoneFileOptions,
    private readonly ctx: SourceContext,
  ) {
    this.limits = ctx.limits ?? defaultLimits
  }

  private report(
    code: SourceDiagnostic['code'],
    message: string,
    file: SourceFile,
    node: Node | null,
  ): void {
    this.diagnostics.push({ code, message, location: nodeLocation(file, node) })
  }

  /**
   * octoDNS takes names in values as written and refuses one without its trailing dot (a
   * relative name would be read another way by every provider). The record is still read, as
   * the name with the dot, which is what the author almost always meant.
   */
  private checkTarget(
    type: string,
    key: string,
    target: string,
    file: SourceFile,
    node: Node,
  ): void {
    // A null MX (RFC 7505) is "."; octoDNS leaves templated values ({zone}) alone.
    if (target.endsWith('.') || (target.includes('{') && target.includes('}'))) return
    this.report(
      'SPF401',
      `${type} ${key} "${target}" has no trailing ".": octoDNS rejects it; write "${target}."`,
      file,
      node,
    )
  }

  /** Parse a file and return its top-level node, or undefined when it cannot be used. */
  open(file: SourceFile, depth: number): Cursor | undefined {
    this.files.push(file)
    const parsed = parseYaml(file, {
      merge: true,
      include: true,
      maxDepth: this.limits.maxYamlDepth,
      parsed: this.ctx.parsed,
    })
    appendAll(this.diagnostics, parsed.diagnostics)
    if (parsed.broken) return undefined
    const budget = new AliasBudget(parsed.doc, this.limits.maxYamlAliases)
    return { node: (parsed.doc.contents as Node | null) ?? null, file, budget, depth }
  }

  /** Follow aliases and `!include`s to the node that holds the data. */
  async resolve(cursor: Cursor): Promise<Cursor | undefined> {
    const node = cursor.budget.deref(cursor.node)
    if (!isScalar(node) || node.tag !== INCLUDE_TAG) return { ...cursor, node }
    const maxDepth = this.limits.maxIncludeDepth
    if (cursor.depth >= maxDepth) {
      this.report(
        'SPF401',
        `!include nested more than ${maxDepth} deep (limits.maxIncludeDepth); is it a cycle?`,
        cursor.file,
        node,
      )
      return undefined
    }
    const target = path.resolve(path.dirname(cursor.file.absPath), String(node.value))
    const read = readInRoot(target, this.ctx)
    if (!read.ok) {
      this.diagnostics.push(readFailure(target, read, this.ctx, nodeLocation(cursor.file, node)))
      return undefined
    }
    appendAll(this.diagnostics, read.diagnostics)
    const included = this.open(read.file, cursor.depth + 1)
    return included && this.resolve(included)
  }

  async readZone(file: SourceFile): Promise<void> {
    const top = this.open(file, 0)
    if (!top) return
    try {
      const root = await this.resolve(top)
      if (!root || root.node === null) return
      if (!isMap(root.node)) {
        this.report(
          'SPF401',
          'an octoDNS zone file must be a mapping of record names to records',
          root.file,
          root.node,
        )
        return
      }
      await this.readNames(root, root.node)
    } catch (error) {
      if (!(error instanceof AliasLimitError)) throw error
      this.report('SPF401', error.message, file, error.node)
    }
  }

  private checkEntries(
    entries: Entry[],
    file: SourceFile,
    what: string,
    dnsNames: boolean,
  ): Entry[] {
    const normalize = dnsNames ? (k: string) => k.toLowerCase() : (k: string) => k
    for (const { first, second } of duplicateKeys(entries, normalize)) {
      const same = first.key === second.key
      const firstAt = first.keyNode?.range ? file.position(first.keyNode.range[0]).line : undefined
      this.report(
        'SPF401',
        `duplicate ${what} "${second.key}"${same ? '' : ` (same DNS name as "${first.key}")`}${firstAt ? ` (first on line ${firstAt})` : ''}: octoDNS silently keeps only the last one; merge them`,
        file,
        second.keyNode,
      )
    }
    if (this.options.enforceOrder) this.checkOrder(entries, file)
    return lastWins(entries, normalize)
  }

  /** octoDNS refuses a file whose keys are not in natural sort order (enforce_order). */
  private checkOrder(entries: Entry[], file: SourceFile): void {
    const own = entries.filter((e) => !e.merged)
    for (let i = 1; i < own.length; i++) {
      const before = own[i - 1] as Entry
      const entry = own[i] as Entry
      if (naturalCompare(before.key, entry.key) > 0) {
        this.report(
          'SPF401',
          `key "${entry.key}" is out of order after "${before.key}": octoDNS (enforce_order) refuses the file ("keys out of order"); sort the keys or set enforce_order: false`,
          file,
          entry.keyNode,
        )
        return
      }
    }
  }

  private async readNames(cursor: Cursor, map: YAMLMap): Promise<void> {
    const entries = this.checkEntries(
      mapEntries(map, cursor.budget),
      cursor.file,
      'record name',
      true,
    )
    for (const entry of entries) {
      const name = this.ownerName(entry, cursor.file)
      if (name === undefined) continue
      const value = await this.resolve({ ...cursor, node: entry.value })
      if (!value || value.node === null) continue
      const items = isSeq(value.node) ? value.node.items : [value.node]
      for (const item of items) {
        const record = await this.resolve({ ...value, node: item as Node })
        if (!record) continue
        if (!isMap(record.node)) {
          this.report(
            'SPF401',
            `record "${entry.key}" must be a mapping with "type" and "value" or "values"`,
            record.file,
            record.node,
          )
          continue
        }
        await this.readRecord(record, record.node, name, entry)
      }
    }
  }

  private ownerName(entry: Entry, file: SourceFile): string | undefined {
    const key = entry.key
    const zone = this.options.zone
    if (isScalar(entry.keyNode)) {
      const typed = pyyamlTypeDiagnostic(
        entry.keyNode,
        file,
        'record name',
        'octoDNS would not use it as this name',
      )
      if (typed && entry.key !== '') this.diagnostics.push(typed)
    }
    if (key === '@') {
      this.report(
        'SPF401',
        'octoDNS rejects the name "@"; write \'\' for the zone apex',
        file,
        entry.keyNode,
      )
      return zone
    }
    if (/\s/.test(key) || key.endsWith('.') || key.includes('..')) {
      this.report(
        'SPF401',
        `invalid record name "${key}": octoDNS names are relative, without spaces, empty labels or a trailing dot`,
        file,
        entry.keyNode,
      )
      return undefined
    }
    return key === '' ? zone : `${key.toLowerCase()}.${zone}`
  }

  private async readRecord(
    cursor: Cursor,
    map: YAMLMap,
    name: string,
    owner: Entry,
  ): Promise<void> {
    const file = cursor.file
    const fields = new Map<string, Entry>()
    for (const entry of this.checkEntries(mapEntries(map, cursor.budget), file, 'key', false)) {
      fields.set(entry.key, entry)
    }
    const typeNode = cursor.budget.deref(fields.get('type')?.value)
    if (!isScalar(typeNode) || typeof typeNode.value !== 'string') {
      this.report('SPF401', `record "${owner.key}" has no "type"`, file, typeNode ?? map)
      return
    }
    const type = typeNode.value.toUpperCase()
    if (!SUPPORTED.has(type)) return
    const ttl = this.ttl(cursor, fields.get('ttl'))
    const values = await this.valueNodes(cursor, fields, owner)
    const base = { zone: this.options.zone, name, type, ttl, format: 'octodns' as const }
    for (const value of values) {
      const node = value.node as Node
      const rdataLocation = nodeLocation(value.file, node)
      const location =
        value.file === file && map.range
          ? { file, start: map.range[0], end: Math.max(rdataLocation.end, map.range[0]) }
          : rdataLocation
      if (!this.room(value.file, node)) return
      const record = this.toRecord(type, value, { ...base, location, rdataLocation, rdata: '' })
      if (record) this.records.push(record)
    }
  }

  /** Whether another record may be read; reports the limit once, at the first record lost. */
  private room(file: SourceFile, node: Node): boolean {
    if (this.records.length < this.limits.maxRecordsPerFile) return true
    if (!this.full) {
      this.full = true
      this.report(
        'SPF401',
        `more than ${this.limits.maxRecordsPerFile} records in one zone (limits.maxRecordsPerFile); the rest was not read`,
        file,
        node,
      )
    }
    return false
  }

  private ttl(cursor: Cursor, entry: Entry | undefined): number {
    const node = cursor.budget.deref(entry?.value)
    if (!isScalar(node)) return this.options.defaultTtl
    const source =
      node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : String(node.value)
    return pyyamlInt(source) ?? this.options.defaultTtl
  }

  /** The nodes of `value` or `values`, one per resource record. */
  private async valueNodes(
    cursor: Cursor,
    fields: Map<string, Entry>,
    owner: Entry,
  ): Promise<Cursor[]> {
    const single = fields.get('value')
    const multiple = fields.get('values')
    const chosen = multiple ?? single
    if (!chosen) {
      this.report(
        'SPF401',
        `record "${owner.key}" has neither "value" nor "values"`,
        cursor.file,
        owner.keyNode,
      )
      return []
    }
    const resolved = await this.resolve({ ...cursor, node: chosen.value })
    if (!resolved || resolved.node === null) return []
    if (multiple && isSeq(resolved.node)) {
      const out: Cursor[] = []
      for (const item of resolved.node.items) {
        const value = await this.resolve({ ...resolved, node: item as Node })
        if (value && value.node !== null) out.push(value)
      }
      return out
    }
    return [resolved]
  }

  private toRecord(type: string, value: Cursor, base: ZoneRecord): ZoneRecord | undefined {
    const node = value.node
    if (type === 'MX') return this.mxRecord(value, base)
    if (!isScalar(node) || node.value === null) {
      this.report('SPF401', `${type} value must be a string`, value.file, node)
      return undefined
    }
    if (type === 'TXT' || type === 'SPF') return this.txtRecord(value.file, node, base)
    const text = String(node.value).trim()
    if (type === 'A' || type === 'AAAA') {
      // octoDNS validates addresses with Python's ipaddress module, as strict as this.
      const problem = addressProblem(type, text)
      if (problem) {
        this.report('SPF401', `${problem}: octoDNS rejects it`, value.file, node)
        return undefined
      }
      return { ...base, rdata: text.toLowerCase() }
    }
    this.checkTarget(type, 'value', text, value.file, node)
    return { ...base, rdata: absoluteName(text) }
  }

  private txtRecord(file: SourceFile, node: Scalar, base: ZoneRecord): ZoneRecord | undefined {
    const typed = pyyamlTypeDiagnostic(
      node,
      file,
      `${base.type} value`,
      'octoDNS fails with a TypeError instead of validating it',
    )
    if (typed) this.diagnostics.push(typed)
    const mapped = mapScalar(node)
    if (!mapped) return undefined
    const truncated = truncationDiagnostic(node, file)
    if (truncated) this.diagnostics.push(truncated)
    const options = { escapedSemicolons: this.options.escapedSemicolons }
    this.diagnostics.push(...semicolonDiagnostics(mapped, file, options))
    const strings = splitIntoStrings(octodnsText(mapped, options))
    if (strings.length > this.limits.maxTxtStrings) {
      this.report(
        'SPF401',
        `${strings.length} character-strings in one ${base.type} record; at most ${this.limits.maxTxtStrings} (limits.maxTxtStrings); the record was not read`,
        file,
        node,
      )
      return undefined
    }
    const txt = txtDataFromStrings(strings)
    return { ...base, rdata: txtRdata(txt.strings), txt }
  }

  private mxRecord(value: Cursor, base: ZoneRecord): ZoneRecord | undefined {
    const node = value.node
    if (!isMap(node)) {
      this.report(
        'SPF401',
        'MX value must be a mapping with "exchange" and "preference"',
        value.file,
        node,
      )
      return undefined
    }
    const fields = new Map(
      mapEntries(node, value.budget).map((e) => [e.key, value.budget.deref(e.value)]),
    )
    const exchange = fields.get('exchange') ?? fields.get('value')
    const preference = fields.get('preference') ?? fields.get('priority')
    if (!isScalar(exchange) || !isScalar(preference)) {
      this.report('SPF401', 'MX value needs "exchange" and "preference"', value.file, node)
      return undefined
    }
    this.checkTarget('MX', 'exchange', String(exchange.value).trim(), value.file, exchange)
    const pref = Number(preference.value)
    return {
      ...base,
      rdata: `${Number.isInteger(pref) ? pref : 0} ${absoluteName(String(exchange.value))}`,
    }
  }
}

function absoluteName(name: string): string {
  const lower = name.trim().toLowerCase()
  return lower.endsWith('.') ? lower : `${lower}.`
}

export async function readZoneFile(
  file: SourceFile,
  options: ZoneFileOptions,
  ctx: SourceContext,
): Promise<ZoneFileResult> {
  const reader = new ZoneReader(options, ctx)
  await reader.readZone(file)
  return { records: reader.records, diagnostics: reader.diagnostics, files: reader.files }
}
