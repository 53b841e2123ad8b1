/** The custom formats our schemas use, by name, for the compiled validators. */
import { createRequire } from 'node:module'
import type * as NodeNet from 'node:net'

/** Node's network module, loaded when a configuration first has an address to check. */
let net: typeof NodeNet | undefined

function isIP(value: string): number {
  net ??= createRequire(import.meta.url)('node:net') as typeof NodeNet
  return net.isIP(value)
}

export const formats: Record<string, (value: string) => boolean> = {
  'ip-address': (value) => isIP(value) !== 0,
  /** An address with an optional port, as `--dns-server` takes it: `v4`, `v4:port`, `[v6]:port`. */
  'dns-server': (value) => {
    const withPort = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value) ?? /^([^:]+):(\d{1,5})$/.exec(value)
    if (!withPort) return isIP(value) !== 0
    const port = Number(withPort[2])
    const family = isIP(withPort[1] as string)
    const bracketed = value.startsWith('[')
    return port >= 1 && port <= 65535 && family === (bracketed ? 6 : 4)
  },
}
