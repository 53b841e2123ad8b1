import { treeNodeRule, via } from './util.js'

/** A DNS query failed (timeout, SERVFAIL): receivers return temperror (RFC 7208 §4.4, §5.2). */
export const rule = treeNodeRule({
  code: 'SPF602',
  name: 'dns-error',
  severity: 'warning',
  description: 'A DNS query failed (timeout, SERVFAIL): temperror for receivers.',
  statuses: ['error'],
  matches: (node) => node.status === 'error',
  message: (node, entry) =>
    `"${node.term}"${via(node, entry)}: ${node.detail ?? 'the DNS query failed'}; receivers return temperror and defer or reject mail (RFC 7208 §4.4)`,
})
