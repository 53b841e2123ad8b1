import { problemRule } from './util.js'

/** Repeated or trailing spaces: legal (RFC 7208 §4.6.1), but a sign of a hand-edited record. */
export const rule = problemRule({
  code: 'SPF110',
  name: 'extra-whitespace',
  severity: 'notice',
  kind: 'extra-whitespace',
  description:
    'Repeated or trailing spaces: legal (RFC 7208 §4.6.1), but a sign of a hand-edited record.',
})
