/**
 * The command line's live DNS and lock file options, turned into `lint()` options. Anything not
 * given falls back to the configuration's `live:` section, then to the defaults.
 */
import { parseServer } from '../dns/servers.js'
import type { LiveSettings } from '../dns/setup.js'
import type { LintOptions } from '../lint.js'
import { UsageError } from './errors.js'

export const LIVE_HELP = `Live DNS:
      --live            resolve names outside the repository in live DNS (exact lookup counts
                        through providers) and compare with what is published (SPF6xx)
      --dns-server ADDR resolver to ask: IP or IP:port, [IPv6]:port (repeatable; default:
                        the system's resolvers)
      --dns-timeout MS  time for one try of one query (default 2000)
      --max-queries N   most queries in the run (default 5000)
      --deadline SECS   time for all live queries (default 120)
      --lock FILE       provider lock file (default: spf-lint.lock.json in the root); used
                        without --live when present, compared with live DNS with it (SPF603)
      --update-lock     write the lock file from live DNS
  Any of the DNS options turns --live on.
`

/** The `parseArgs` options this module reads. */
export const LIVE_ARGS = {
  live: { type: 'boolean' },
  'dns-server': { type: 'string', multiple: true },
  'dns-timeout': { type: 'string' },
  'max-queries': { type: 'string' },
  deadline: { type: 'string' },
  lock: { type: 'string' },
  'update-lock': { type: 'boolean' },
} as const

export interface LiveArgValues {
  live?: boolean
  'dns-server'?: string[]
  'dns-timeout'?: string
  'max-queries'?: string
  deadline?: string
  lock?: string
  'update-lock'?: boolean
}

export function liveLintOptions(
  values: LiveArgValues,
): Pick<LintOptions, 'live' | 'lockFile' | 'updateLock'> {
  const settings: LiveSettings = {}
  if (values['dns-server']) {
    settings.servers = values['dns-server'].map((spec) => {
      try {
        parseServer(spec)
      } catch (error) {
        throw new UsageError(`--dns-server: ${(error as Error).message}`)
      }
      return spec
    })
  }
  if (values['dns-timeout'] !== undefined)
    settings.timeoutMs = positive('--dns-timeout', values['dns-timeout'], true)
  if (values['max-queries'] !== undefined)
    settings.maxQueries = positive('--max-queries', values['max-queries'], true)
  if (values.deadline !== undefined)
    settings.deadlineMs = positive('--deadline', values.deadline, false) * 1000
  const on =
    values.live === true || values['update-lock'] === true || Object.keys(settings).length > 0
  return {
    ...(on ? { live: settings } : {}),
    ...(values.lock !== undefined ? { lockFile: values.lock } : {}),
    ...(values['update-lock'] ? { updateLock: true } : {}),
  }
}

function positive(option: string, text: string, integer: boolean): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `${option} needs a positive ${integer ? 'whole ' : ''}number, not "${text}"`,
    )
  }
  return n
}
