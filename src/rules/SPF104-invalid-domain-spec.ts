import { problemRule } from './util.js'

/** An empty or invalid domain-spec (RFC 7208 §7.1, §4.8). */
export const rule = problemRule({
  code: 'SPF104',
  name: 'invalid-domain-spec',
  severity: 'error',
  kind: 'invalid-domain-spec',
  description: 'An empty or invalid domain-spec (RFC 7208 §7.1, §4.8).',
})
