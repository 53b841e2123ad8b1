/**
 * JSON Schema validation of YAML documents, with every error located at the YAML node it is
 * about (ajv's `instancePath` walked back through the document) and phrased for people.
 */
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv'
import { isMap, isScalar } from 'yaml'
import type { Document, Node, Pair } from 'yaml'
import type { SourceFile } from '../../model/source.js'
import type { SourceDiagnostic } from '../types.js'
import { keyText, nodeLocation } from './nodes.js'

export type PathPart = string | number

export function pointerToPath(pointer: string): PathPart[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part))
}

/** `records[1].ttl`, for messages. */
export function describePath(path: PathPart[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += /^[A-Za-z_$][\w$-]*$/.test(part) ? (out ? `.${part}` : part) : `["${part}"]`
  }
  return out
}

/** The path of the value an error is about, including an unknown or badly named key. */
export function errorPath(error: ErrorObject): PathPart[] {
  const path = pointerToPath(error.instancePath)
  const params = error.params as { additionalProperty?: string; propertyName?: string }
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined) {
    return [...path, params.additionalProperty]
  }
  if (params.propertyName !== undefined) return [...path, params.propertyName]
  return path
}

function keyNodeAt(doc: Document, path: PathPart[]): Node | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents
  if (!isMap(parent)) return undefined
  const wanted = String(path[path.length - 1])
  const pair = (parent.items as Pair<unknown, unknown>[]).find((p) => keyText(p.key) === wanted)
  return (pair?.key as Node | undefined) ?? undefined
}

function nodeForError(doc: Document, error: ErrorObject): Node | undefined {
  const path = errorPath(error)
  const isKeyError = error.keyword === 'additionalProperties' || error.keyword === 'propertyNames'
  const keyParams = error.params as { propertyName?: string }
  if (isKeyError || keyParams.propertyName !== undefined) return keyNodeAt(doc, path)
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    if (node && (node as Node).range) return node as Node
  }
  return undefined
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `"${value}"`
  return `${typeof value} ${String(value)}`
}

function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

/** A message that quotes the value and says what was expected. */
export function errorMessage(error: ErrorObject): string {
  const path = pointerToPath(error.instancePath)
  const where = describePath(path) || 'the top level'
  const params = error.params as Record<string, unknown>
  const parent = error.parentSchema as AnySchemaObject | undefined
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const known = Object.keys((parent?.properties as object | undefined) ?? {})
      const guess = nearest(key, known)
      const hint = guess
        ? `; did you mean "${guess}"?`
        : known.length
          ? `; expected one of: ${known.join(', ')}`
          : ''
      return `unknown key "${key}" in ${where}${hint}`
    }
    case 'required':
      return `${where} is missing "${String(params.missingProperty)}"`
    case 'type':
      return `${where} must be ${article(String(params.type))}, not ${describeValue(error.data)}`
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v))
      const guess = typeof error.data === 'string' ? nearest(error.data, allowed) : undefined
      const hint = guess ? `; did you mean "${guess}"?` : ''
      return `${where} must be one of ${allowed.join(', ')}, not ${describeValue(error.data)}${hint}`
    }
    case 'propertyNames':
      return `invalid key "${String(params.propertyName)}" in ${where}${schemaHint(parent?.propertyNames)}`
    case 'oneOf':
      return `${where} ${oneOfMessage(parent)}`
    default: {
      const what = parent?.description ? ` (${firstSentence(String(parent.description))})` : ''
      return `${where} ${error.message ?? 'is invalid'}: ${describeValue(error.data)}${what}`
    }
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function firstSentence(text: string): string {
  return text.split(/(?<=\.)\s/)[0]?.replace(/\.$/, '') ?? text
}

function schemaHint(schema: unknown): string {
  const description = (schema as AnySchemaObject | undefined)?.description
  return description ? ` (${firstSentence(String(description))})` : ''
}

function oneOfMessage(parent: AnySchemaObject | undefined): string {
  const branches = (parent?.oneOf as AnySchemaObject[] | undefined) ?? []
  const keys = branches.map((b) => (b.required as string[] | undefined)?.[0])
  if (keys.length && keys.every((k) => k !== undefined)) {
    return `needs exactly one of ${keys.map((k) => `"${k}"`).join(', ')}`
  }
  return 'must match exactly one of the allowed forms'
}

/** Drop errors that only restate another: the branches of a `oneOf` that is reported itself. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath)
  return errors
    .filter(
      (e) =>
        e.keyword === 'if' ||
        !oneOfs.some(
          (s) => e.schemaPath !== s && e.schemaPath.startsWith(s.replace(/oneOf$/, 'oneOf/')),
        ),
    )
    .filter((e) => e.keyword !== 'if')
}

export interface LocatedError {
  error: ErrorObject
  path: PathPart[]
  diagnostic: SourceDiagnostic
}

/** Validate `value` (the document's JS form) and locate every error in `doc`. */
export function validateDocument(
  validate: ValidateFunction,
  value: unknown,
  doc: Document,
  file: SourceFile,
): LocatedError[] {
  if (validate(value)) return []
  const located = relevantErrors(validate.errors ?? []).map((error) => ({
    error,
    path: errorPath(error),
    diagnostic: {
      code: 'SPF404' as const,
      message: errorMessage(error),
      location: nodeLocation(file, nodeForError(doc, error)),
    },
  }))
  // ajv may report the same problem twice (propertyNames and its pattern, for instance).
  const seen = new Set<string>()
  located.sort((x, y) => x.diagnostic.location.start - y.diagnostic.location.start)
  return located.filter((l) => {
    const id = `${l.diagnostic.location.start}:${l.diagnostic.message}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

export function isScalarNode(node: unknown): boolean {
  return isScalar(node)
}
