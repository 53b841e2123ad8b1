/**
 * The octoDNS reader. Zones are found through octoDNS main configurations among the candidate
 * files (their YamlProvider directories and `zones:`), and otherwise by file name and shape.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { SourceFile } from '../../model/source.js'
import type { SourceContext, SourceResult } from '../types.js'
import { appendAll, emptySourceResult } from '../types.js'
import { isInside, readFailure, readInRoot } from '../yaml/files.js'
import { collectYamlSuppressions } from '../yaml/suppressions.js'
import { readOctodnsConfig } from './config.js'
import type { YamlProviderConfig, ZoneDeclaration } from './config.js'
import { detectYamlKind, zoneFromPath } from './detect.js'
import type { YamlKind } from './detect.js'
import { readZoneFile } from './zone.js'
import type { ZoneFileOptions } from './zone.js'
import { realPath } from '../read-file.js'

export { detectYamlKind, looksLikeOctodnsZonePath, zoneFromPath } from './detect.js'
export type { YamlKind } from './detect.js'

const DEFAULTS = { defaultTtl: 3600, enforceOrder: true, escapedSemicolons: true }

interface ZoneJob {
  absPath: string
  options: ZoneFileOptions
  /** Where the file was named (the config's zone entry), for a missing-file diagnostic. */
  declaredAt?: ZoneDeclaration['location']
}

/** Read candidate files once and classify them. */
class FileCache {
  private readonly files = new Map<string, SourceFile | undefined>()
  constructor(
    private readonly ctx: SourceContext,
    private readonly result: SourceResult,
  ) {}

  get(absPath: string, declaredAt?: ZoneDeclaration['location']): SourceFile | undefined {
    const key = path.resolve(absPath)
    if (this.files.has(key)) return this.files.get(key)
    const read = readInRoot(key, this.ctx)
    let file: SourceFile | undefined
    if (read.ok) {
      appendAll(this.result.diagnostics, read.diagnostics)
      file = read.file
    } else {
      this.result.diagnostics.push(readFailure(key, read, this.ctx, declaredAt))
    }
    this.files.set(key, file)
    return file
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

function insideRoot(dir: string, root: string): boolean {
  try {
    return isInside(realPath(dir), realPath(root))
  } catch {
    return true // a missing directory is reported where its files are looked for
  }
}

/** The zone files a YamlProvider holds for a zone (`*`: every zone in its directory). */
function providerFiles(
  provider: YamlProviderConfig,
  zone: string,
): { zone: string; absPath: string }[] {
  const dir = provider.directory
  const entries = listDir(dir)
  const ext = provider.splitExtension
  const out: { zone: string; absPath: string }[] = []
  const addSplit = (folder: string, zoneName: string): void => {
    for (const name of listDir(path.join(dir, folder))) {
      if (/\.yaml$/i.test(name)) out.push({ zone: zoneName, absPath: path.join(dir, folder, name) })
    }
  }
  if (zone !== '*') {
    const folder = ext ? `${zone}${ext}` : undefined
    if (folder && entries.includes(folder)) addSplit(folder, zone)
    else out.push({ zone, absPath: path.join(dir, `${zone}.yaml`) })
    return out
  }
  for (const name of entries) {
    if (ext && name.endsWith(ext) && !/\.yaml$/i.test(name))
      addSplit(name, name.slice(0, -ext.length).toLowerCase())
    else if (/\.yaml$/i.test(name) && (name.match(/\./g) ?? []).length >= 2) {
      out.push({ zone: zoneFromPath(path.join(dir, name)), absPath: path.join(dir, name) })
    }
  }
  return out
}

/**
 * Read octoDNS files among `absPaths` (candidate YAML files under the root, in any order):
 * main configurations lead to their zones; other files that look like zone files are read
 * with octoDNS's defaults, their zone taken from the file name.
 */
export async function loadOctodns(
  absPaths: string[],
  ctx: SourceContext,
  known: ReadonlyMap<string, YamlKind> = new Map(),
): Promise<SourceResult> {
  const result = emptySourceResult()
  const cache = new FileCache(ctx, result)
  const kinds = new Map<string, YamlKind>()
  for (const absPath of absPaths) {
    const file = cache.get(absPath)
    const key = path.resolve(absPath)
    if (file) kinds.set(key, known.get(key) ?? detectYamlKind(absPath, file.text))
  }
  const jobs = new Map<string, ZoneJob>()
  for (const [absPath, kind] of kinds) {
    if (kind !== 'octodns-config') continue
    const file = cache.get(absPath) as SourceFile
    result.files.push(file)
    const config = readOctodnsConfig(file, ctx.root, ctx.limits, ctx.parsed)
    appendAll(result.diagnostics, config.diagnostics)
    for (const declared of config.zones) {
      for (const provider of declared.providers) {
        if (!insideRoot(provider.directory, ctx.root)) {
          result.diagnostics.push({
            code: 'SPF403',
            message: `provider "${provider.id}" reads zones from "${provider.directory}", outside the linted root; it was not read`,
            location: provider.directoryLocation,
          })
          continue
        }
        for (const { zone, absPath: zoneFile } of providerFiles(provider, declared.zone)) {
          const options = {
            zone,
            defaultTtl: provider.defaultTtl,
            enforceOrder: provider.enforceOrder,
            escapedSemicolons: provider.escapedSemicolons,
          }
          jobs.set(path.resolve(zoneFile), {
            absPath: zoneFile,
            options,
            declaredAt: declared.location,
          })
        }
      }
    }
  }
  for (const [absPath, kind] of kinds) {
    if (kind === 'octodns-zone' && !jobs.has(absPath)) {
      jobs.set(absPath, { absPath, options: { zone: zoneFromPath(absPath), ...DEFAULTS } })
    }
  }
  for (const job of jobs.values()) {
    const file = cache.get(job.absPath, job.declaredAt)
    if (!file) continue
    const read = await readZoneFile(file, job.options, ctx)
    appendAll(result.records, read.records)
    appendAll(result.diagnostics, read.diagnostics)
    result.files.push(...read.files)
  }
  for (const file of result.files) result.suppressions.push(...collectYamlSuppressions(file))
  return result
}
