import { treeNodeRule, via } from './util.js'

/** An `mx` whose name has more than 10 MX hosts: permerror (RFC 7208 §4.6.4). */
export const rule = treeNodeRule({
  code: 'SPF204',
  name: 'too-many-mx-names',
  severity: 'error',
  description: 'An `mx` mechanism whose name has more than 10 MX hosts: permerror (§4.6.4).',
  statuses: ['too-many-mx'],
  matches: (node) => node.status === 'too-many-mx',
  message: (node, entry) =>
    `"${node.term}"${via(node, entry)}: ${node.detail ?? 'more than 10 MX hosts'}; list the sending hosts with ip4:/ip6: instead`,
})
