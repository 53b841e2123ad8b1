/** The rule registry: every rule, in code order. */
import type { Rule } from './types.js'

export const rules: Rule[] = []

export function findRule(codeOrName: string): Rule | undefined {
  const key = codeOrName.trim()
  return rules.find((r) => r.code === key.toUpperCase() || r.name === key.toLowerCase())
}
