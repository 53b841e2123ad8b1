/**
 * `.spf-lint.yml`: which files to read, rule severities, thresholds and declared senders.
 * Validated against schemas/config.schema.json; every problem is an SPF404 at its node, the
 * offending setting falls back to its default, and the run goes on.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { isMap, isSeq } from 'yaml'
import type { Document, Node } from 'yaml'
import { SourceFile } from './model/source.js'
import type { Location } from './model/source.js'
import type { RuleOptions, SenderDeclaration } from './rules/types.js'
import type { SourceDiagnostic } from './sources/types.js'
import { validateDocument } from './sources/yaml/ajv.js'
import type { PathPart } from './sources/yaml/ajv.js'
import { displayPath } from './sources/yaml/files.js'
import { nodeLocation } from './sources/yaml/nodes.js'
import { parseYaml } from './sources/yaml/parse.js'
import { validateConfig } from './sources/yaml/validators.js'
import { resolveLimits, type Limits } from './limits.js'

export type RuleSetting = 'error' | 'warning' | 'notice' | 'off'

export interface SenderEntry {
  ip: string
  helo?: string
  /** Where the entry is written (set when read from a file). */
  location?: Location
}

export interface SpfLintConfig {
  /** Files or folders to lint, relative to the root; undefined means the root itself. */
  paths?: string[]
  ignore: string[]
  /** Severity per rule code or name. */
  rules: Record<string, RuleSetting>
  lookups: { warnAt: number }
  ranges: { minPrefix4: number; minPrefix6: number }
  senders: Record<string, SenderEntry[]>
  /** For live DNS checks. */
  live: {
    enabled?: boolean
    servers?: string[]
    timeoutMs?: number
    maxQueries?: number
    deadlineSeconds?: number
  }
  /** Bounds on the work of one run (src/limits.ts). */
  limits: Limits
}

export const CONFIG_FILE_NAMES = ['.spf-lint.yml', '.spf-lint.yaml']

export function defaultConfig(): SpfLintConfig {
  return {
    ignore: [],
    rules: {},
    lookups: { warnAt: 9 },
    ranges: { minPrefix4: 16, minPrefix6: 32 },
    senders: {},
    live: {},
    limits: resolveLimits(undefined),
  }
}

export function toRuleOptions(config: SpfLintConfig): RuleOptions {
  const senders: SenderDeclaration[] = []
  for (const [domain, entries] of Object.entries(config.senders)) {
    for (const entry of entries) {
      senders.push({
        domain: domain.toLowerCase().replace(/\.$/, ''),
        ip: entry.ip,
        ...(entry.helo ? { helo: entry.helo } : {}),
        ...(entry.location ? { location: entry.location } : {}),
      })
    }
  }
  return {
    lookupWarningThreshold: config.lookups.warnAt,
    minPrefix4: config.ranges.minPrefix4,
    minPrefix6: config.ranges.minPrefix6,
    senders,
  }
}

export interface LoadConfigOptions {
  /** Whether a key of `rules:` names a known rule; unknown ones are reported. */
  isKnownRule?: (codeOrName: string) => boolean
}

export interface LoadedConfig {
  config: SpfLintConfig
  file?: SourceFile
  diagnostics: SourceDiagnostic[]
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * Load the configuration: `configPath` (relative to `cwd`) when given, else `.spf-lint.yml`
 * in `root` when there is one, else the defaults.
 */
export async function loadConfig(
  configPath: string | undefined,
  root: string,
  cwd: string,
  options: LoadConfigOptions = {},
): Promise<LoadedConfig> {
  let absPath: string | undefined
  if (configPath !== undefined) absPath = path.resolve(cwd, configPath)
  else {
    for (const name of CONFIG_FILE_NAMES) {
      if (exists(path.join(root, name))) {
        absPath = path.join(root, name)
        break
      }
    }
  }
  if (!absPath) return { config: defaultConfig(), diagnostics: [] }
  let text: string
  try {
    text = readFileSync(absPath, 'utf8')
  } catch (error) {
    const file = new SourceFile(displayPath(absPath, cwd), absPath, '')
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read'
    return {
      config: defaultConfig(),
      file,
      diagnostics: [
        {
          code: 'SPF401',
          message: `configuration file "${file.path}" ${why}`,
          location: { file, start: 0, end: 0 },
        },
      ],
    }
  }
  const file = new SourceFile(displayPath(absPath, cwd), absPath, text)
  return { ...parseConfig(file, options), file }
}

/** Parse and validate a configuration file's text. */
export function parseConfig(
  file: SourceFile,
  options: LoadConfigOptions = {},
): { config: SpfLintConfig; diagnostics: SourceDiagnostic[] } {
  const parsed = parseYaml(file)
  const diagnostics = [...parsed.diagnostics]
  if (parsed.broken) return { config: defaultConfig(), diagnostics }
  let value: unknown
  try {
    value = parsed.doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch {
    diagnostics.push({
      code: 'SPF401',
      message:
        'too many YAML aliases (a resource exhaustion attack?); the configuration was not read',
      location: { file, start: 0, end: 0 },
    })
    return { config: defaultConfig(), diagnostics }
  }
  // Drop what is invalid and validate again, until what is left is valid.
  for (let round = 0; round < 5; round++) {
    const errors = validateDocument(validateConfig, value, parsed.doc, file)
    if (!errors.length) break
    if (round === 0) diagnostics.push(...errors.map((e) => e.diagnostic))
    for (const { path: at } of errors) value = removeAt(value, at)
  }
  const config = merge(value as Partial<SpfLintConfig>)
  diagnostics.push(...unknownRules(config, parsed.doc, file, options))
  attachSenderLocations(config, parsed.doc, file)
  return { config, diagnostics }
}

function removeAt(value: unknown, at: PathPart[]): unknown {
  if (at.length === 0) return {}
  let parent: unknown = value
  for (const part of at.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[part]
  }
  const last = at[at.length - 1] as PathPart
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1, undefined)
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last]
  return compactArrays(value)
}

function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays)
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value))
      (value as Record<string, unknown>)[key] = compactArrays(inner)
  }
  return value
}

function merge(value: Partial<SpfLintConfig>): SpfLintConfig {
  const defaults = defaultConfig()
  return {
    ...(value.paths ? { paths: value.paths } : {}),
    ignore: value.ignore ?? defaults.ignore,
    rules: value.rules ?? defaults.rules,
    lookups: { ...defaults.lookups, ...value.lookups },
    ranges: { ...defaults.ranges, ...value.ranges },
    senders: value.senders ?? defaults.senders,
    live: { ...defaults.live, ...value.live },
    limits: resolveLimits(value.limits),
  }
}

function keyNode(doc: Document, at: PathPart[]): Node | null {
  const parent = doc.getIn(at.slice(0, -1), true)
  if (!isMap(parent)) return null
  const pair = parent.items.find(
    (p) => String((p.key as { value?: unknown }).value) === String(at[at.length - 1]),
  )
  return (pair?.key as Node | undefined) ?? null
}

function unknownRules(
  config: SpfLintConfig,
  doc: Document,
  file: SourceFile,
  options: LoadConfigOptions,
): SourceDiagnostic[] {
  const known = options.isKnownRule
  if (!known) return []
  const found: SourceDiagnostic[] = []
  for (const key of Object.keys(config.rules)) {
    if (known(key)) continue
    delete config.rules[key]
    found.push({
      code: 'SPF404',
      message: `unknown rule "${key}" in rules; use a code such as SPF209 or a name such as ptr-mechanism`,
      location: nodeLocation(file, keyNode(doc, ['rules', key])),
    })
  }
  return found
}

function attachSenderLocations(config: SpfLintConfig, doc: Document, file: SourceFile): void {
  for (const [domain, entries] of Object.entries(config.senders)) {
    const list = doc.getIn(['senders', domain], true)
    if (!isSeq(list)) continue
    entries.forEach((entry, index) => {
      const node = list.items[index] as Node | undefined
      if (node?.range) entry.location = nodeLocation(file, node)
    })
  }
}

/** A commented starter `.spf-lint.yml`; it validates against the schema as written. */
export function initConfigText(): string {
  return `# spf-lint configuration. Every setting is optional; see schemas/config.schema.json.
# yaml-language-server: $schema=https://raw.githubusercontent.com/spf-lint/spf-lint/main/schemas/config.schema.json

# Files or folders to lint, relative to this file's folder (default: everything).
# paths:
#   - zones/

# Glob patterns never read.
ignore:
  - '**/archive/**'

# Severity per rule: error, warning, notice or off. Codes and names both work.
rules:
  SPF110: off              # extra-whitespace
  # ptr-mechanism: error

# SPF202 warns at this many DNS lookups (the limit is 10).
lookups:
  warnAt: 9

# SPF306: the shortest prefixes accepted in ip4: and ip6: mechanisms.
ranges:
  minPrefix4: 16
  minPrefix6: 32

# SPF308: servers that must be allowed to send as each domain.
senders: {}
#   corp.example:
#     - ip: 192.0.2.25
#       helo: mail.corp.example

# Live DNS (names outside the repository); off unless enabled.
live:
  enabled: false
  timeoutMs: 3000
`
}
