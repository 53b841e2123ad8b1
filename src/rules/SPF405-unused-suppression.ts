import type { Rule } from './types.js'

/**
 * SPF405: a suppression comment that suppresses nothing. Findings are produced by the pipeline
 * after every other rule has run (see suppress.ts), since only then is "unused" known.
 */
export const rule: Rule = {
  code: 'SPF405',
  name: 'unused-suppression',
  severity: 'warning',
  description: 'A suppression comment that suppresses nothing.',
  check: () => {},
}
