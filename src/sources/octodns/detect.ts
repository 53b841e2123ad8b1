/** Telling YAML files apart by content: octoDNS main config, octoDNS zone, native zone, other. */
import path from 'node:path'
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node, Pair } from 'yaml'
import { keyText } from '../yaml/nodes.js'
import type { ParsedDocuments } from '../yaml/parse.js'

export type YamlKind = 'octodns-config' | 'octodns-zone' | 'native' | 'other'

/** octoDNS zone files are `<zone>.yaml` (name with at least two dots), `$<zone>.yaml`, or live in a `<zone>.` folder. */
export function looksLikeOctodnsZonePath(filePath: string): boolean {
  const base = path.basename(filePath)
  if (!/\.yaml$/i.test(base)) return false
  const parent = path.basename(path.dirname(filePath))
  return (base.match(/\./g) ?? []).length >= 2 || base.startsWith('$') || parent.endsWith('.')
}

/** The zone a file belongs to by its name: `example.com.yaml`, `$example.com.yaml`, `example.com./www.yaml`. */
export function zoneFromPath(filePath: string): string {
  const parent = path.basename(path.dirname(filePath))
  const base = path.basename(filePath).replace(/\.ya?ml$/i, '')
  const name = parent.endsWith('.') && parent.length > 1 ? parent : base.replace(/^\$/, '')
  return name.replace(/\.$/, '').toLowerCase()
}

function isRecordShaped(node: unknown): boolean {
  const one = (n: unknown): boolean =>
    isMap(n) &&
    (n.items as Pair<unknown, unknown>[]).some(
      (p) => keyText(p.key) === 'type' && isScalar(p.value),
    )
  if (isSeq(node)) return node.items.length > 0 && node.items.every(one)
  return one(node)
}

/**
 * What a YAML file holds, from its content and name. With `parsed`, the document is parsed as
 * an octoDNS zone file is and kept there for the reader that reads the file next.
 */
export function detectYamlKind(filePath: string, text: string, parsed?: ParsedDocuments): YamlKind {
  let contents: Node | null
  try {
    const doc = parsed
      ? parsed.parse(text, { merge: true, include: true })
      : parseDocument(text, { uniqueKeys: false })
    contents = doc.contents as Node | null
  } catch {
    return 'other'
  }
  if (!isMap(contents)) return 'other'
  const pairs = contents.items as Pair<unknown, unknown>[]
  const keys = new Set(pairs.map((p) => keyText(p.key)))
  if (keys.has('providers') && keys.has('zones')) return 'octodns-config'
  if (keys.has('zone') && keys.has('records')) return 'native'
  if (!looksLikeOctodnsZonePath(filePath) || pairs.length === 0) return 'other'
  const shaped = pairs.filter((p) => isRecordShaped(p.value)).length
  // Most names must hold records; aliases and `!include`s are allowed for the rest.
  return shaped > 0 && shaped * 2 >= pairs.length ? 'octodns-zone' : 'other'
}
