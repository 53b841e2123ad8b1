import { sourceRule } from './util.js'

/** An octoDNS TXT/SPF value with an unescaped semicolon (octoDNS rejects it). */
export const rule = sourceRule({
  code: 'SPF402',
  name: 'unescaped-semicolon',
  severity: 'error',
  description: 'An octoDNS TXT/SPF value with an unescaped semicolon (octoDNS rejects it).',
})
