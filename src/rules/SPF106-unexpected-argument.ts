import { problemRule } from './util.js'

/** An argument or prefix length where none is allowed (RFC 7208 §5). */
export const rule = problemRule({
  code: 'SPF106',
  name: 'unexpected-argument',
  severity: 'error',
  kind: 'unexpected-argument',
  description: 'An argument or prefix length where none is allowed (RFC 7208 §5).',
})
