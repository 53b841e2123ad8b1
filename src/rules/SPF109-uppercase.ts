import { problemRule } from './util.js'

/** Upper case in the version or in mechanism names: legal, but rejected by some receivers. */
export const rule = problemRule({
  code: 'SPF109',
  name: 'uppercase',
  severity: 'warning',
  kind: 'uppercase',
  description:
    'Upper case in the version or in mechanism names: legal, but rejected by some receivers.',
})
