import type { Rule } from './types.js'
import { checkHost } from '../spf/evaluate.js'

/**
 * Each sender declared in the configuration (an IP address that sends for a domain) is
 * evaluated with check_host() (RFC 7208 §4) against the repository's zones; anything but
 * `pass` means that server's mail will be rejected or junked once the change is merged.
 */
export const rule: Rule = {
  code: 'SPF308',
  name: 'sender-not-authorized',
  severity: 'error',
  description: 'A sender declared in the configuration does not evaluate to `pass`.',
  async check(ctx) {
    for (const sender of ctx.options.senders) {
      if (!sender.location) continue
      const domain = sender.domain.toLowerCase().replace(/\.$/, '')
      const result = await checkHost(
        {
          ip: sender.ip,
          domain,
          sender: `postmaster@${domain}`,
          ...(sender.helo ? { helo: sender.helo } : {}),
        },
        ctx.resolver,
      )
      if (result.result === 'pass') continue
      const decided = result.decidedBy
        ? ` (decided by "${result.decidedBy.term}" in the record of ${result.decidedBy.domain})`
        : ''
      const reason = result.reason ? `: ${result.reason}` : ''
      ctx.report({
        location: sender.location,
        message: `mail from ${sender.ip} for ${domain} evaluates to "${result.result}"${decided}${reason}; authorize it (for example ${sender.ip.includes(':') ? 'ip6' : 'ip4'}:${sender.ip}) or correct the declaration`,
        name: domain,
      })
    }
  },
}
