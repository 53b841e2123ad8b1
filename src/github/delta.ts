/**
 * The lookup budget before and after a pull request, per changed or affected SPF record:
 * `corp.example: 8 -> 11 lookups (+3)`.
 */
import type { SpfEntry } from '../rules/types.js'
import type { AffectedRecord } from './affected.js'
import { recordLines } from './affected.js'

export interface LookupCount {
  lookups: number
  /** Part of the tree could not be resolved: at least this many. */
  lowerBound: boolean
}

export interface BudgetDelta {
  name: string
  file: string
  line: number
  /** Null for a record the base does not have. */
  before: LookupCount | null
  after: LookupCount | null
  /** The changed record, when it is not this one (an include target). */
  via: string | null
  /** Where the change is: the notice goes on that line. */
  changedFile: string
  changedLine: number
}

export function budgetDeltas(
  affected: readonly AffectedRecord[],
  base: readonly SpfEntry[],
): BudgetDelta[] {
  const before = new Map<string, LookupCount | null>()
  for (const entry of base) {
    if (!before.has(entry.record.name)) before.set(entry.record.name, count(entry))
  }
  return affected.map(({ entry, changed, direct }) => {
    const at = recordLines(entry.record)
    const change = recordLines(changed)
    return {
      name: entry.record.name,
      file: at.file,
      line: at.first,
      before: before.get(entry.record.name) ?? null,
      after: count(entry),
      via: direct ? null : changed.name,
      changedFile: change.file,
      changedLine: change.first,
    }
  })
}

function count(entry: SpfEntry): LookupCount | null {
  const total = entry.tree?.total
  return total ? { lookups: total.lookups, lowerBound: total.unknown } : null
}

export function formatCount(c: LookupCount | null): string {
  if (!c) return 'none'
  return `${c.lowerBound ? '≥ ' : ''}${c.lookups}`
}

/** `corp.example: 8 -> 11 lookups (+3)`; `new record` when the base has none. */
export function formatDelta(d: BudgetDelta): string {
  const via = d.via ? ` (through ${d.via})` : ''
  if (!d.before) return `${d.name}: new SPF record, ${formatCount(d.after)} lookups${via}`
  const diff = (d.after?.lookups ?? 0) - d.before.lookups
  const sign = diff > 0 ? `+${diff}` : diff < 0 ? `${diff}` : '±0'
  return `${d.name}: ${formatCount(d.before)} -> ${formatCount(d.after)} lookups (${sign})${via}`
}

export function deltaChanged(d: BudgetDelta): boolean {
  return !d.before || !d.after || d.before.lookups !== d.after.lookups
}
