import { treeNodeRule, via } from './util.js'

/** A redirect target with no SPF record is a permerror (RFC 7208 §6.1). */
export const rule = treeNodeRule({
  code: 'SPF207',
  name: 'redirect-without-spf',
  severity: 'error',
  description: 'A `redirect` target with no SPF record: permerror (§6.1).',
  statuses: ['no-spf', 'void'],
  matches: (node) =>
    node.kind === 'redirect' && (node.status === 'no-spf' || node.status === 'void'),
  message: (node, entry) =>
    `"${node.term}"${via(node, entry)}: ${node.detail ?? `${node.domain} has no SPF record`}; a redirect to a name without SPF is a permerror (RFC 7208 §6.1)`,
})
