/** The custom formats our schemas use, by name, for the compiled validators. */
import { ipFamily, parseServer } from '../../dns/servers.js'

export const formats: Record<string, (value: string) => boolean> = {
  'ip-address': (value) => ipFamily(value) !== 0,
  /** A DNS server as `--dns-server` takes it (dns/servers.ts). */
  'dns-server': (value) => {
    try {
      parseServer(value)
      return true
    } catch {
      return false
    }
  },
}
