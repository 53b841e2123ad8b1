import { problemRule } from './util.js'

/** An unknown modifier, ignored by receivers (RFC 7208 §6); usually a typo. */
export const rule = problemRule({
  code: 'SPF108',
  name: 'unknown-modifier',
  severity: 'warning',
  kind: 'unknown-modifier',
  description: 'An unknown modifier, ignored by receivers (RFC 7208 §6); usually a typo.',
})
