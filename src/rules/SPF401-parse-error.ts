import { sourceRule } from './util.js'

/** A zone file or YAML file that cannot be read, located at the offending token. */
export const rule = sourceRule({
  code: 'SPF401',
  name: 'parse-error',
  severity: 'error',
  description: 'A zone file or YAML file that cannot be read, located at the offending token.',
})
