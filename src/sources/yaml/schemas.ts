/**
 * The JSON Schemas in `schemas/`, loaded at run time. `require` (rather than a JSON import)
 * keeps them outside the compiled tree, and bundlers still follow the literal paths.
 */
import { createRequire } from 'node:module'
import type { AnySchemaObject } from 'ajv'

const require = createRequire(import.meta.url)

export function zoneSchema(): AnySchemaObject {
  return require('../../../schemas/zone.schema.json') as AnySchemaObject
}

export function configSchema(): AnySchemaObject {
  return require('../../../schemas/config.schema.json') as AnySchemaObject
}
