import { problemRule } from './util.js'

/** Terms separated by anything but spaces (RFC 7208 §4.6.1): commas, semicolons, tabs, glued terms. */
export const rule = problemRule({
  code: 'SPF102',
  name: 'invalid-separator',
  severity: 'error',
  kind: 'invalid-separator',
  description:
    'Terms separated by anything but spaces (RFC 7208 §4.6.1): commas, semicolons, tabs, glued terms.',
})
