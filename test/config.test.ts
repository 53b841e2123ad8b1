import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  defaultConfig,
  initConfigText,
  loadConfig,
  parseConfig,
  toRuleOptions,
} from '../src/config.js'
import { SourceFile } from '../src/model/source.js'
import { FIXTURES, where } from './sources/helpers.js'

const dir = (name: string) => path.join(FIXTURES, 'config', name)

describe('loadConfig', () => {
  it('returns the defaults when there is no file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'config-'))
    expect(await loadConfig(undefined, root, root)).toEqual({
      config: defaultConfig(),
      diagnostics: [],
    })
  })

  it('reads .spf-lint.yml from the root', async () => {
    const root = dir('good')
    const { config, file, diagnostics } = await loadConfig(undefined, root, root)
    expect(diagnostics).toEqual([])
    expect(file?.path).toBe('.spf-lint.yml')
    expect(config.paths).toEqual(['zones'])
    expect(config.rules).toEqual({ SPF209: 'error', 'extra-whitespace': 'off' })
    const options = toRuleOptions(config)
    expect(options).toMatchObject({ lookupWarningThreshold: 8, minPrefix4: 20, minPrefix6: 32 })
    expect(options.senders.map((s) => [s.domain, s.ip, s.helo, where(s.location!)])).toEqual([
      ['corp.example', '192.0.2.25', 'mail.corp.example', '.spf-lint.yml:12:7'],
      ['corp.example', '2001:db8::25', undefined, '.spf-lint.yml:14:7'],
    ])
    expect(config.live).toEqual({ timeoutMs: 2000 })
  })

  it('locates unknown keys and wrong types and goes on with defaults', async () => {
    const root = dir('bad')
    const known = (key: string) => ['SPF209', 'ptr-mechanism'].includes(key)
    const { config, diagnostics } = await loadConfig('.spf-lint.yml', root, root, {
      isKnownRule: known,
    })
    expect(diagnostics.map((d) => [d.code, where(d.location), d.message])).toEqual([
      [
        'SPF404',
        '.spf-lint.yml:2:11',
        'rules.SPF209 must be one of error, warning, notice, off, not "fatal"',
      ],
      ['SPF404', '.spf-lint.yml:5:11', 'lookups.warnAt must be an integer, not "nine"'],
      ['SPF404', '.spf-lint.yml:6:3', 'unknown key "warn_at" in lookups; did you mean "warnAt"?'],
      [
        'SPF404',
        '.spf-lint.yml:9:15',
        'ranges.minPrefix6 must be <= 128: number 200 (Shortest acceptable ip6 prefix (default 32))',
      ],
      [
        'SPF404',
        '.spf-lint.yml:12:11',
        'senders["corp.example"][0].ip must match format "ip-address": "192.0.2.300" (The sending server\'s IPv4 or IPv6 address)',
      ],
      [
        'SPF404',
        '.spf-lint.yml:14:1',
        'unknown key "colour" in the top level; expected one of: $schema, paths, ignore, rules, lookups, ranges, senders, live, limits',
      ],
      [
        'SPF404',
        '.spf-lint.yml:3:3',
        'unknown rule "no-such-rule" in rules; use a code such as SPF209 or a name such as ptr-mechanism',
      ],
    ])
    expect(config.rules).toEqual({})
    expect(config.lookups.warnAt).toBe(9)
    expect(config.ranges).toEqual({ minPrefix4: 16, minPrefix6: 32 })
    expect(config.senders).toMatchObject({ 'corp.example': [{ ip: '192.0.2.26' }] })
  })

  it('reports a missing explicit file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'config-'))
    const { config, diagnostics } = await loadConfig('nope.yml', root, root)
    expect(config).toEqual(defaultConfig())
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['SPF401', 'configuration file "nope.yml" does not exist'],
    ])
  })

  it('reports YAML syntax errors at their position', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'config-'))
    await writeFile(path.join(root, '.spf-lint.yml'), 'rules:\n  SPF209: [error\n')
    const { config, diagnostics } = await loadConfig(undefined, root, root)
    expect(config).toEqual(defaultConfig())
    expect(diagnostics[0]?.code).toBe('SPF401')
  })
})

describe('initConfigText', () => {
  it('validates against the schema', () => {
    const file = new SourceFile('.spf-lint.yml', '/x/.spf-lint.yml', initConfigText())
    const { config, diagnostics } = parseConfig(file)
    expect(diagnostics).toEqual([])
    expect(config.rules).toEqual({ SPF110: 'off' })
    expect(config.ignore).toEqual(['**/archive/**'])
  })
})
