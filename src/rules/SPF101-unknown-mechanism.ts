import { problemRule } from './util.js'

/** An unknown mechanism or a typo (RFC 7208 §4.6.1, §5): permerror at every receiver. */
export const rule = problemRule({
  code: 'SPF101',
  name: 'unknown-mechanism',
  severity: 'error',
  kind: 'unknown-mechanism',
  description: 'An unknown mechanism or a typo (RFC 7208 §4.6.1, §5): permerror at every receiver.',
})
