import { sourceRule } from './util.js'

/** A native YAML zone or the configuration file breaks its JSON Schema. */
export const rule = sourceRule({
  code: 'SPF404',
  name: 'schema-violation',
  severity: 'error',
  description: 'A native YAML zone or the configuration file breaks its JSON Schema.',
})
