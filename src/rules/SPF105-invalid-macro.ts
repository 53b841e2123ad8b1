import { problemRule } from './util.js'

/** Bad macro syntax, or c, r, t macro letters outside exp= (RFC 7208 §7.1). */
export const rule = problemRule({
  code: 'SPF105',
  name: 'invalid-macro',
  severity: 'error',
  kind: 'invalid-macro',
  description: 'Bad macro syntax, or c, r, t macro letters outside exp= (RFC 7208 §7.1).',
})
