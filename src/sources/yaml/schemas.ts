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

function load(name: string): AnySchemaObject {
  let schema = loaded.get(name)
  if (!schema) {
    const url = new URL(`../../../schemas/${name}`, import.meta.url)
    schema = JSON.parse(readFileSync(url, 'utf8')) as AnySchemaObject
    loaded.set(name, schema)
  }
  return schema
}

export function zoneSchema(): AnySchemaObject {
  return load('zone.schema.json')
}

export function configSchema(): AnySchemaObject {
  return load('config.schema.json')
}
