/**
 * The JSON Schemas in `schemas/`, read at run time. A file URL relative to `import.meta.url`
 * (rather than a JSON import) keeps them outside the compiled tree, resolves from both `src/`
 * and `build/`, and is what the action's bundler follows: it copies the file next to the bundle.
 */
import { readFileSync } from 'node:fs'
import type { AnySchemaObject } from 'ajv'

export function zoneSchema(): AnySchemaObject {
  return JSON.parse(
    readFileSync(new URL('../../../schemas/zone.schema.json', import.meta.url), 'utf8'),
  ) as AnySchemaObject
}

export function configSchema(): AnySchemaObject {
  return JSON.parse(
    readFileSync(new URL('../../../schemas/config.schema.json', import.meta.url), 'utf8'),
  ) as AnySchemaObject
}
