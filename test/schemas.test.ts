/**
 * Every published schema is itself a valid JSON Schema (draft-07 or 2020-12, as it declares):
 * the tool skips this check at run time, so it must hold here. The validators the tool runs are
 * compiled from the schemas ahead of time, so they must be compiled from the current ones; the
 * custom formats they use are checked here too.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
// @ts-expect-error: a plain JavaScript build script, without types
import { OUTPUT, compiledValidators } from '../scripts/compile-schemas.js'
import { formats } from '../src/sources/yaml/validator-formats.js'

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv

describe('published JSON Schemas', () => {
  for (const name of readdirSync('schemas').filter((f) => f.endsWith('.json'))) {
    it(`${name} is a valid schema under its meta-schema`, () => {
      const schema = JSON.parse(readFileSync(path.join('schemas', name), 'utf8'))
      const is2020 = String(schema.$schema ?? '').includes('2020-12')
      const ajv = is2020 ? new Ajv2020({ strict: false }) : new Ajv({ strict: false })
      addFormats(ajv as Ajv)
      for (const [format, check] of Object.entries(formats)) ajv.addFormat(format, check)
      expect(ajv.validateSchema(schema)).toBe(true)
      expect(ajv.errors ?? null).toBeNull()
      expect(() => ajv.compile(schema)).not.toThrow()
    })
  }
})

describe('compiled validators', () => {
  it('are compiled from the current schemas (npm run schemas)', () => {
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe((compiledValidators as () => string)())
  })
})

describe('formats', () => {
  it.each([
    ['192.0.2.53', true],
    ['192.0.2.53:5353', true],
    ['2001:db8::53', true],
    ['[2001:db8::53]:5353', true],
    ['[2001:db8::53]', true],
    ['[192.0.2.53]:53', false],
    ['192.0.2.53:0', false],
    ['192.0.2.53:65536', false],
    ['192.0.2.53:', false],
    ['ns1.example:53', false],
    ['ns1.example', false],
  ])('dns-server %s: %s', (value, valid) => {
    expect((formats['dns-server'] as (v: string) => boolean)(value)).toBe(valid)
  })
})
