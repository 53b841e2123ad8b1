/** The `live` input: live DNS as the last resolver layer, bounded so a run cannot hang. */
import { LiveResolver } from '../dns/live.js'

export function liveResolver(): LiveResolver {
  return new LiveResolver({
    servers: [],
    timeoutMs: 2000,
    tries: 2,
    concurrency: 16,
    maxQueries: 5000,
    deadlineMs: 120_000,
  })
}
