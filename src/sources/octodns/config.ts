/**
 * The octoDNS main configuration (`providers:` + `zones:`): which zones exist and where their
 * YAML lives. Only `octodns.provider.yaml.YamlProvider` sources hold records we can read.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node } from 'yaml'
import type { Location, SourceFile } from '../../model/source.js'
import type { SourceDiagnostic } from '../types.js'
import { AliasBudget, AliasLimitError, mapEntries, nodeLocation } from '../yaml/nodes.js'
import { parseYaml, type ParsedDocuments } from '../yaml/parse.js'
import { pyyamlInt } from '../yaml/pyyaml.js'
import { defaultLimits, type Limits } from '../../limits.js'

export const YAML_PROVIDER_CLASSES = new Set([
  'octodns.provider.yaml.YamlProvider',
  'octodns.provider.yaml.SplitYamlProvider',
])

export interface YamlProviderConfig {
  id: string
  /** Absolute directory holding the zone files. */
  directory: string
  /** Where `directory` is written, for diagnostics about it. */
  directoryLocation: Location
  defaultTtl: number
  enforceOrder: boolean
  escapedSemicolons: boolean
  /** `split_extension` (`.` when set to true by SplitYamlProvider), if any. */
  splitExtension?: string
}

export interface ZoneDeclaration {
  /** Lower-case, no trailing dot; `*` for octoDNS's dynamic zones (every zone the provider lists). */
  zone: string
  providers: YamlProviderConfig[]
  location: Location
}

export interface OctodnsConfig {
  file: SourceFile
  zones: ZoneDeclaration[]
  diagnostics: SourceDiagnostic[]
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined
}

function booleanOption(node: unknown, fallback: boolean): boolean {
  if (!isScalar(node)) return fallback
  if (typeof node.value === 'boolean') return node.value
  const text = String(node.value).toLowerCase()
  if (['true', 'yes', 'on'].includes(text)) return true
  if (['false', 'no', 'off'].includes(text)) return false
  return fallback
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

/**
 * octoDNS resolves `directory` against the working directory it runs in: the folder that holds
 * the configuration folder, in the usual `octodns-sync --config-file=config/production.yaml`
 * layout. Which folder that was is not written down, so try the config file's own folder and
 * each folder above it up to the linted root, nearest first.
 */
function resolveDirectory(dir: string, configFile: SourceFile, root: string): string {
  if (path.isAbsolute(dir)) return dir
  const candidates: string[] = []
  for (let base = path.dirname(configFile.absPath); ; base = path.dirname(base)) {
    candidates.push(path.resolve(base, dir))
    const rel = path.relative(root, base)
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || base === path.dirname(base))
      break
  }
  for (const candidate of candidates) if (isDirectory(candidate)) return candidate
  return path.resolve(root, dir)
}

export function readOctodnsConfig(
  file: SourceFile,
  root: string,
  limits: Limits = defaultLimits,
  documents?: ParsedDocuments,
): OctodnsConfig {
  const parsed = parseYaml(file, {
    merge: true,
    include: false,
    maxDepth: limits.maxYamlDepth,
    parsed: documents,
  })
  const result: OctodnsConfig = { file, zones: [], diagnostics: [...parsed.diagnostics] }
  if (parsed.broken || !isMap(parsed.doc.contents)) return result
  const budget = new AliasBudget(parsed.doc, limits.maxYamlAliases)
  try {
    const top = new Map(
      mapEntries(parsed.doc.contents, budget).map((e) => [e.key, budget.deref(e.value)]),
    )
    const providers = readProviders(top.get('providers') ?? null, file, root, budget)
    const zones = top.get('zones') ?? null
    if (!isMap(zones)) return result
    for (const entry of mapEntries(zones, budget)) {
      const zoneMap = budget.deref(entry.value)
      const sources = isMap(zoneMap)
        ? budget.deref(mapEntries(zoneMap, budget).find((e) => e.key === 'sources')?.value)
        : null
      const ids = isSeq(sources)
        ? sources.items.map((n) => scalarString(budget.deref(n as Node)))
        : []
      const yamlProviders = ids.flatMap((id) =>
        id && providers.get(id) ? [providers.get(id) as YamlProviderConfig] : [],
      )
      if (!yamlProviders.length) continue
      const zone = entry.key.startsWith('*') ? '*' : entry.key.replace(/\.$/, '').toLowerCase()
      result.zones.push({
        zone,
        providers: yamlProviders,
        location: nodeLocation(file, entry.keyNode),
      })
    }
  } catch (error) {
    if (!(error instanceof AliasLimitError)) throw error
    result.diagnostics.push({
      code: 'SPF401',
      message: error.message,
      location: nodeLocation(file, error.node),
    })
  }
  return result
}

function readProviders(
  node: Node | null,
  file: SourceFile,
  root: string,
  budget: AliasBudget,
): Map<string, YamlProviderConfig> {
  const providers = new Map<string, YamlProviderConfig>()
  if (!isMap(node)) return providers
  for (const entry of mapEntries(node, budget)) {
    const settings = budget.deref(entry.value)
    if (!isMap(settings)) continue
    const options = new Map(mapEntries(settings, budget).map((e) => [e.key, budget.deref(e.value)]))
    const className = scalarString(options.get('class'))
    if (!className || !YAML_PROVIDER_CLASSES.has(className)) continue
    const dirNode = options.get('directory') ?? null
    const dir = scalarString(dirNode)
    if (!dir) continue
    const ttlNode = options.get('default_ttl')
    const split = options.get('split_extension')
    const splitExtension =
      className.endsWith('SplitYamlProvider') && split === undefined ? '.' : scalarString(split)
    providers.set(entry.key, {
      id: entry.key,
      directory: resolveDirectory(dir, file, root),
      directoryLocation: nodeLocation(file, dirNode),
      defaultTtl: (isScalar(ttlNode) && pyyamlInt(String(ttlNode.source ?? ttlNode.value))) || 3600,
      enforceOrder: booleanOption(options.get('enforce_order'), true),
      escapedSemicolons: booleanOption(options.get('escaped_semicolons'), true),
      ...(splitExtension && splitExtension !== 'false' ? { splitExtension } : {}),
    })
  }
  return providers
}
