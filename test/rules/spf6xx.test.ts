import { rules } from '../../src/rules/index.js'
import { describeRule } from './fixtures.js'

for (const rule of rules.filter((r) => r.code.startsWith('SPF6'))) describeRule(rule.code)
