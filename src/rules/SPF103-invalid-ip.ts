import { problemRule } from './util.js'

/** An invalid ip4/ip6 address or prefix length (RFC 7208 §5.6). */
export const rule = problemRule({
  code: 'SPF103',
  name: 'invalid-ip',
  severity: 'error',
  kind: 'invalid-ip',
  description: 'An invalid ip4/ip6 address or prefix length (RFC 7208 §5.6).',
})
