/** The lookup tree as plain JSON for reports (positions resolved, no object references). */
import type { LookupNode } from '../spf/tree.js'
import { textLocation } from '../model/record.js'
import { resolveLocation } from '../model/source.js'

export interface ReportedNode {
  kind: LookupNode['kind']
  term: string
  domain?: string
  cost: number
  status: LookupNode['status']
  detail?: string
  record?: string
  mxNames?: number
  voidHosts?: number
  file?: string
  line?: number
  column?: number
  lookups: number
  voidLookups: number
  unknown: boolean
  children: ReportedNode[]
}

export function reportNode(node: LookupNode): ReportedNode {
  const out: ReportedNode = {
    kind: node.kind,
    term: node.term,
    cost: node.cost,
    status: node.status,
    lookups: node.totals.lookups,
    voidLookups: node.totals.voidLookups,
    unknown: node.totals.unknown,
    children: [],
  }
  if (node.domain !== undefined) out.domain = node.domain
  if (node.detail !== undefined) out.detail = node.detail
  if (node.record !== undefined) out.record = node.record
  if (node.mxNames !== undefined) out.mxNames = node.mxNames
  if (node.voidHosts !== undefined) out.voidHosts = node.voidHosts
  const source = node.origin?.source
  if (source && node.origin) {
    const at = resolveLocation(textLocation(source, node.origin.span.start, node.origin.span.end))
    out.file = at.file
    out.line = at.line
    out.column = at.column
  }
  out.children = node.children.map(reportNode)
  return out
}
