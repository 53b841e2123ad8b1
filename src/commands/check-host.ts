/**
 * `spf-lint check-host`: RFC 7208 check_host() for one sender, evaluated against the
 * repository's zones (the state a pull request proposes). Exits 0 whatever the result.
 */
import { parseArgs } from 'node:util'
import { isIP } from 'node:net'
import { loadRepository } from '../lint.js'
import { checkHost } from '../spf/evaluate.js'
import { UsageError } from './errors.js'
import { visible } from '../report/sanitize.js'

export async function checkHostCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv)
  const ip = values.ip
  const sender = values.sender
  if (!ip || !isIP(ip)) throw new UsageError('check-host needs --ip with an IPv4 or IPv6 address')
  if (!sender)
    throw new UsageError('check-host needs --sender (user@domain, or a domain for HELO checks)')
  const domain = sender.includes('@') ? sender.slice(sender.lastIndexOf('@') + 1) : sender
  if (!domain) throw new UsageError(`--sender "${sender}" has no domain`)

  const repo = await loadRepository({
    paths: positionals,
    ...(values.root ? { root: values.root } : {}),
    ...(values.config ? { configPath: values.config } : {}),
  })
  const input = {
    ip,
    domain,
    sender: sender.includes('@') ? sender : `postmaster@${sender}`,
    ...(values.helo ? { helo: values.helo } : {}),
  }
  const result = await checkHost(input, repo.resolver)
  if (values.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ ip, sender, domain, helo: values.helo ?? null, ...result }, null, 2)}\n`,
    )
    return 0
  }
  if (values.format && values.format !== 'text')
    throw new UsageError(`unknown format "${values.format}"; use text or json`)
  const lines = [
    `result: ${result.result}`,
    `domain: ${domain}`,
    ...(result.decidedBy
      ? [
          `decided by: ${visible(result.decidedBy.term)} (in the SPF record of ${result.decidedBy.domain})`,
        ]
      : []),
    ...(result.reason ? [`reason: ${visible(result.reason)}`] : []),
    ...(result.explanation !== undefined ? [`explanation: ${visible(result.explanation)}`] : []),
    `lookups: ${result.lookups}/10, void lookups: ${result.voidLookups}/2`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ip: { type: 'string' },
        sender: { type: 'string' },
        helo: { type: 'string' },
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        root: { type: 'string' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
