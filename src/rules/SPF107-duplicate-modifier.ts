import { problemRule } from './util.js'

/** redirect= or exp= appears more than once: permerror (RFC 7208 §6). */
export const rule = problemRule({
  code: 'SPF107',
  name: 'duplicate-modifier',
  severity: 'error',
  kind: 'duplicate-modifier',
  description: 'redirect= or exp= appears more than once: permerror (RFC 7208 §6).',
})
