import { treeNodeRule, via } from './util.js'

/** An include target with no SPF record makes the include a permerror (RFC 7208 §5.2). */
export const rule = treeNodeRule({
  code: 'SPF205',
  name: 'include-without-spf',
  severity: 'error',
  description: 'An `include` target with no SPF record: permerror (§5.2).',
  statuses: ['no-spf', 'void'],
  matches: (node) =>
    node.kind === 'include' && (node.status === 'no-spf' || node.status === 'void'),
  message: (node, entry) =>
    `"${node.term}"${via(node, entry)}: ${node.detail ?? `${node.domain} has no SPF record`}; an include of a name without SPF is a permerror (RFC 7208 §5.2). Fix the name or publish an SPF record there`,
})
