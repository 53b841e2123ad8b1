/**
 * Which SPF records a pull request touches. A record is changed when one of its lines is; it is
 * affected when its lookup tree passes through a changed record: editing `_spf.corp.example`
 * can push every record that includes it over the limit.
 */
import type { Finding } from '../model/finding.js'
import type { ZoneRecord } from '../model/record.js'
import type { LookupNode } from '../spf/tree.js'
import type { SpfEntry } from '../rules/types.js'
import type { Changes } from './changes.js'
import { spanChanged } from './changes.js'

export interface AffectedRecord {
  entry: SpfEntry
  /** The record the change is in: the entry's own record, or one its tree reaches. */
  changed: ZoneRecord
  direct: boolean
}

export interface RecordLines {
  file: string
  first: number
  last: number
}

export function recordLines(record: ZoneRecord): RecordLines {
  const file = record.location.file
  return {
    file: file.path,
    first: file.position(record.location.start).line,
    last: file.position(Math.max(record.location.start, record.location.end - 1)).line,
  }
}

export function recordChanged(record: ZoneRecord, changes: Changes): boolean {
  const at = recordLines(record)
  return spanChanged(changes, at.file, at.first, at.last)
}

export function affectedRecords(spf: readonly SpfEntry[], changes: Changes): AffectedRecord[] {
  const changedByName = new Map<string, ZoneRecord>()
  for (const entry of spf) {
    if (recordChanged(entry.record, changes)) changedByName.set(entry.record.name, entry.record)
  }
  const out: AffectedRecord[] = []
  for (const entry of spf) {
    if (recordChanged(entry.record, changes)) {
      out.push({ entry, changed: entry.record, direct: true })
      continue
    }
    const via = entry.tree && reachedChange(entry.tree.root, changes, changedByName)
    if (via) out.push({ entry, changed: via, direct: false })
  }
  return out
}

/** The first changed record below `node`: where a term is written, or an include's target. */
function reachedChange(
  node: LookupNode,
  changes: Changes,
  changedByName: ReadonlyMap<string, ZoneRecord>,
): ZoneRecord | undefined {
  const source = node.origin?.source
  if (source && recordChanged(source, changes)) return source
  if ((node.kind === 'include' || node.kind === 'redirect') && node.domain) {
    const target = changedByName.get(node.domain.toLowerCase())
    if (target) return target
  }
  for (const child of node.children) {
    const found = reachedChange(child, changes, changedByName)
    if (found) return found
  }
  return undefined
}

export interface FindingRelevance {
  onChangedLine: boolean
  inChangedFile: boolean
  /** In, or about, a record that is changed or affected. */
  inAffectedRecord: boolean
}

export function findingRelevance(
  finding: Finding,
  changes: Changes,
  affected: readonly AffectedRecord[],
): FindingRelevance {
  const loc = finding.location
  const file = loc.file.path
  const first = loc.file.position(loc.start).line
  const last = loc.file.position(Math.max(loc.start, loc.end - 1)).line
  const inAffectedRecord = affected.some(({ entry }) => {
    const r = entry.record.location
    if (finding.name !== undefined && finding.name === entry.record.name) return true
    return r.file === loc.file && loc.start < Math.max(r.end, r.start + 1) && loc.end >= r.start
  })
  return {
    onChangedLine: spanChanged(changes, file, first, last),
    inChangedFile: changes.files.has(file),
    inAffectedRecord,
  }
}
