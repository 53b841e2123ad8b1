import { treeNodeRule, via } from './util.js'

/** An include/redirect cycle: receivers stop at the lookup limit with permerror. */
export const rule = treeNodeRule({
  code: 'SPF206',
  name: 'include-loop',
  severity: 'error',
  description: 'An include/redirect cycle.',
  matches: (node) => node.status === 'loop',
  message: (node, entry) =>
    `"${node.term}"${via(node, entry)} closes a loop: ${node.detail ?? node.domain}; receivers run out of lookups and return permerror (RFC 7208 §4.6.4). Remove the include that points back`,
})
