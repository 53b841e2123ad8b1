/**
 * The resolver layers of a run after the repository's own zones, from the options, the
 * configuration's `live:` section and the provider lock file:
 *
 * - live DNS on: live DNS, with every third-party answer recorded (for `--update-lock` and for
 *   SPF603's diff against an existing lock). The repository layer still comes first, so the
 *   names it defines are answered as the pull request proposes them.
 * - live DNS off, lock file present: the lock file, so counts through providers stay exact and
 *   reproducible offline.
 * - otherwise nothing: names outside the repository are `unknown` (SPF208).
 */
import path from 'node:path'
import type { SpfLintConfig } from '../config.js'
import { displayPath } from '../sources/yaml/files.js'
import type { LiveResolverOptions } from './live.js'
import {
  LOCK_FILE_NAME,
  LockResolver,
  RecordingResolver,
  diffLock,
  readLock,
  underZones,
  writeLock,
} from './lock.js'
import type { LockFile, LockNameDiff } from './lock.js'
import { CachingResolver } from './resolver.js'
import type { Answer, RRType, RecordTypes, Resolver } from './resolver.js'

/** Live DNS settings; anything unset comes from the configuration, then the defaults. */
export interface LiveSettings extends Partial<Omit<LiveResolverOptions, 'onQuery'>> {
  /** Use this resolver as live DNS instead of building one (tests, benchmarks). */
  resolver?: Resolver
}

export interface DnsSetupOptions {
  /** `true` or settings: on; `false`: off even when the configuration enables it. */
  live?: boolean | LiveSettings
  /** The lock file; default `spf-lint.lock.json` in the root. */
  lockFile?: string
  /** Write the lock file from this run's live answers (needs live DNS). */
  updateLock?: boolean
  root: string
  cwd: string
  config: SpfLintConfig['live']
  /** The zone apexes the repository defines: their names are never locked. */
  zones: ReadonlySet<string>
  /** Called as each live query goes on the wire, with the run's count so far. */
  onQuery?: (queries: number) => void
}

/** What SPF603 needs: the pinned answers against what live DNS returned this run. */
export interface LockComparison {
  /** The lock file as shown in messages. */
  file: string
  changes(): LockNameDiff[]
}

export interface LiveSummary {
  /** Queries sent (undefined when the live resolver cannot tell). */
  queries?: number
  errors?: number
  /** The lock file written, or left alone because nothing changed. */
  lockWritten?: { file: string; written: boolean; names: number }
}

export interface DnsSetup {
  /** Layers after the repository zones. */
  layers: Resolver[]
  /** The live layer alone, bypassing the repository (SPF601); set when live DNS is on. */
  live?: Resolver
  /** Set when live DNS is on and a lock file exists (SPF603). */
  lock?: LockComparison
  /** The lock file answering offline, as shown in messages. */
  lockUsed?: string
  /** Queries sent so far, when known. */
  queries(): number | undefined
  /**
   * Start asking live DNS for the TXT records published at these repository names, which
   * SPF601 compares later, so those answers arrive during the walk instead of after it.
   */
  warm(names: Iterable<string>): void
  /** After the run: write the lock file if asked, release the live resolver. */
  finish(): Promise<LiveSummary | undefined>
}

export const LIVE_DEFAULTS = {
  timeoutMs: 2000,
  tries: 2,
  concurrency: 64,
  maxQueries: 5000,
  deadlineMs: 120_000,
} as const

export async function setupDns(options: DnsSetupOptions): Promise<DnsSetup> {
  const lockPath = path.resolve(
    options.cwd,
    options.lockFile ?? path.join(options.root, LOCK_FILE_NAME),
  )
  const lockShown = displayPath(lockPath, options.cwd)
  const enabled =
    options.live === undefined ? options.config.enabled === true : options.live !== false
  if (options.updateLock && !enabled) {
    throw new Error('updating the lock file needs live DNS (--live)')
  }

  if (!enabled) {
    const lock = await readLock(lockPath)
    if (!lock && options.lockFile !== undefined) throw new Error(`lock file ${lockShown} not found`)
    return {
      layers: lock ? [new LockResolver(lock)] : [],
      ...(lock ? { lockUsed: lockShown } : {}),
      queries: () => undefined,
      warm: () => {},
      finish: async () => undefined,
    }
  }

  // Loaded only now: most runs are offline, and its sockets and wire format are a good part of
  // what a cold start would otherwise compile.
  const { LiveResolver } = await import('./live.js')
  const settings: LiveSettings = typeof options.live === 'object' ? options.live : {}
  let queries = 0
  // Built before the lock file is read, and connected before the walk starts: connecting takes
  // turns of the event loop, which the burst of work starting the walk would otherwise hold up,
  // and with them every first query.
  const built = settings.resolver
    ? undefined
    : new LiveResolver({
        servers: settings.servers ?? options.config.servers ?? [],
        timeoutMs: settings.timeoutMs ?? options.config.timeoutMs ?? LIVE_DEFAULTS.timeoutMs,
        tries: settings.tries ?? LIVE_DEFAULTS.tries,
        concurrency: settings.concurrency ?? LIVE_DEFAULTS.concurrency,
        maxQueries: settings.maxQueries ?? options.config.maxQueries ?? LIVE_DEFAULTS.maxQueries,
        deadlineMs:
          settings.deadlineMs ??
          (options.config.deadlineSeconds !== undefined
            ? options.config.deadlineSeconds * 1000
            : LIVE_DEFAULTS.deadlineMs),
        onQuery: () => options.onQuery?.(++queries),
      })
  const lock = await readLock(lockPath).catch((error: unknown) => {
    built?.close()
    throw error
  })
  await built?.connected()
  const live = new CachingResolver(built ?? new AsLive(settings.resolver as Resolver))
  const counted =
    built ?? (settings.resolver instanceof LiveResolver ? settings.resolver : undefined)
  const recorder = new RecordingResolver(live, underZones(options.zones))

  return {
    layers: [recorder],
    live,
    ...(lock ? { lock: comparison(lockShown, lock, recorder) } : {}),
    queries: () => counted?.counters.queries,
    warm(names) {
      // Prefetched: the walk's queries go first, as the rule needs these only after the walk;
      // its own query then shares them (and meets any failure there; it is not lost here).
      for (const name of new Set(names)) live.prefetch(name, 'TXT')
    },
    async finish() {
      built?.close()
      const summary: LiveSummary = {}
      if (counted) {
        summary.queries = counted.counters.queries
        summary.errors = counted.counters.errors
      }
      if (options.updateLock) {
        const names = recorder.recorded()
        const { written } = await writeLock(lockPath, names)
        summary.lockWritten = { file: lockShown, written, names: Object.keys(names).length }
      }
      return summary
    },
  }
}

function comparison(file: string, lock: LockFile, recorder: RecordingResolver): LockComparison {
  return { file, changes: () => diffLock(lock, recorder.recorded()) }
}

/**
 * Marks a supplied resolver's answers as live ones, so they are recorded for the lock file
 * like those of the built-in live resolver.
 */
class AsLive implements Resolver {
  readonly prefetch?: (name: string, type: RRType) => void

  constructor(private readonly inner: Resolver) {
    // Only a resolver with its own prefetch shares it with later queries; without one, the
    // caching layer above does the prefetch as a plain resolve.
    if (inner.prefetch) this.prefetch = (name, type) => inner.prefetch?.(name, type)
  }

  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    const answer = await this.inner.resolve(name, type)
    return answer.status === 'unknown' ? answer : { ...answer, origin: 'live' }
  }
}
