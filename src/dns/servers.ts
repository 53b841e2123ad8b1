/**
 * DNS server specs, as `--dns-server` and the configuration's `live.servers` take them: `v4`,
 * `v4:port`, `v6`, `[v6]` or `[v6]:port`. Read in one place so that both accept the same.
 */
import { createRequire } from 'node:module'
import type * as NodeNet from 'node:net'
import type { Server } from './transport.js'

/** Node's network module, loaded on first use: most runs check no address. */
let net: typeof NodeNet | undefined

/**
 * 4 or 6 for an IP address as Node's sockets take it (an IPv6 zone index included), else 0.
 * IPv4 is tried first: Node compiles its IPv6 pattern on first use, which takes milliseconds.
 */
export function ipFamily(text: string): 0 | 4 | 6 {
  net ??= createRequire(import.meta.url)('node:net') as typeof NodeNet
  return net.isIPv4(text) ? 4 : net.isIPv6(text) ? 6 : 0
}

/** Validate one server spec and write it in canonical form: `host`, `v4:port` or `[v6]:port`. */
export function parseServer(spec: string): string {
  const { host, port, family } = splitServer(spec)
  if (port === undefined) return host
  return family === 6 ? `[${host}]:${port}` : `${host}:${port}`
}

/** A server spec as an address to send to (port 53 unless it says otherwise). */
export function toServer(spec: string): Server {
  const { host, port, family } = splitServer(spec)
  return { host, port: port ?? 53, family }
}

function splitServer(spec: string): { host: string; port?: number; family: 4 | 6 } {
  const text = spec.trim()
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text)
  // One colon is `v4:port`: an IPv6 address has at least two.
  const split = bracketed ?? /^([^:]+):(\d+)$/.exec(text)
  const host = split ? (split[1] as string) : text
  const family = ipFamily(host)
  if (family === 0) throw new Error(`invalid DNS server "${spec}": expected an IP address`)
  if (bracketed && family !== 6) throw new Error(`invalid DNS server "${spec}": [] is for IPv6`)
  if (split?.[2] === undefined) return { host, family }
  const port = Number(split[2])
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`invalid DNS server "${spec}": port must be 1-65535`)
  }
  return { host, port, family }
}
