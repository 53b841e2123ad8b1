import { problemRule } from './util.js'

/** A prefix with host bits set (ip4:192.0.2.1/24): the author probably meant another range. */
export const rule = problemRule({
  code: 'SPF111',
  name: 'host-bits-set',
  severity: 'warning',
  kind: 'host-bits-set',
  description:
    'A prefix with host bits set (ip4:192.0.2.1/24): the author probably meant another range.',
})
