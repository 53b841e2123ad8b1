/**
 * `spf-lint check-host`: RFC 7208 check_host() for one sender, evaluated against the
 * repository's zones (the state a pull request proposes). Exits 0 whatever the result.
 */
import { parseArgs } from 'node:util'
import { isIP } from 'node:net'
import { loadRepository, type Repository } from '../lint.js'
import { textLocation } from '../model/record.js'
import { resolveLocation, type ResolvedLocation } from '../model/source.js'
import { checkHost, type TermRef } from '../spf/evaluate.js'
import { isSpfTxtRecord } from '../rules/util.js'
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
  // The engine knows terms by their place in the record's text; the repository knows the files.
  const decidedBy = result.decidedBy && located(repo, result.decidedBy)
  const via = result.via?.map((ref) => located(repo, ref))
  if (values.format === 'json') {
    const out = { ip, sender, domain, helo: values.helo ?? null, ...result }
    if (decidedBy) out.decidedBy = decidedBy
    if (via) out.via = via
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    return 0
  }
  if (values.format && values.format !== 'text')
    throw new UsageError(`unknown format "${values.format}"; use text or json`)
  const lines = [
    `result: ${result.result}`,
    `domain: ${domain}`,
    ...(decidedBy ? [`decided by: ${describe(decidedBy)}`] : []),
    // Outermost first: the path from the checked domain's record to the deciding term.
    ...(via ?? []).map((ref) => `via: ${describe(ref)}`),
    ...(result.reason ? [`reason: ${visible(result.reason)}`] : []),
    ...(result.explanation !== undefined ? [`explanation: ${visible(result.explanation)}`] : []),
    `lookups: ${result.lookups}/10, void lookups: ${result.voidLookups}/2`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

/** A term with the file, line and column it is written at, when its record is in the repository. */
type LocatedRef = TermRef & { location?: ResolvedLocation }

function located(repo: Repository, ref: TermRef): LocatedRef {
  if (!ref.span) return ref
  // The one SPF record at the name, as the engine read it (two would have been a permerror).
  const spf = (repo.byName.get(ref.domain) ?? []).filter(isSpfTxtRecord)
  const record = spf.length === 1 ? spf[0] : undefined
  if (!record) return ref
  return { ...ref, location: resolveLocation(textLocation(record, ref.span.start, ref.span.end)) }
}

function describe(ref: LocatedRef): string {
  const where = ref.location
    ? `, ${visible(ref.location.file)}:${ref.location.line}:${ref.location.column}`
    : ''
  return `${visible(ref.term)} (in the SPF record of ${visible(ref.domain)}${where})`
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
