/** The custom formats our schemas use, by name, for the compiled validators. */
import { isIP } from 'node:net'

export const formats: Record<string, (value: string) => boolean> = {
  'ip-address': (value) => isIP(value) !== 0,
}
