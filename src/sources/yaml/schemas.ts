/**
 * The JSON Schemas in `schemas/`, read at run time. A file URL relative to `import.meta.url`
 * (rather than a JSON import) keeps them outside the compiled tree, resolves from both `src/`
 * and `build/`, and is what the action's bundler follows: it copies the file next to the bundle.
 */
import { readFileSync } from 'node:fs'
import type { AnySchemaObject } from 'ajv'

// One object per schema: validators are compiled once per object (ajv.ts), so a fresh object
// per file would compile again for every file and keep every compiled copy.
const loaded = new Map<string, AnySchemaObject>()

function load(url: URL): AnySchemaObject {
  let schema = loaded.get(url.href)
  if (!schema) {
    schema = JSON.parse(readFileSync(url, 'utf8')) as AnySchemaObject
    loaded.set(url.href, schema)
  }
  return schema
}

// Literal URLs, one per schema, so that the bundler finds and copies each file.
export function zoneSchema(): AnySchemaObject {
  return load(new URL('../../../schemas/zone.schema.json', import.meta.url))
}

export function configSchema(): AnySchemaObject {
  return load(new URL('../../../schemas/config.schema.json', import.meta.url))
}
