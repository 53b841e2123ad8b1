import type { Rule } from './types.js'
import type { ZoneRecord } from '../model/record.js'
import type { Location } from '../model/source.js'
import { nameLabels, parseName } from '../sources/bind/names.js'
import { rdataFieldLocation } from './util.js'

/**
 * BIND's `check-names` (named.conf), which is `fail` for primary zones by default: a zone file
 * with a name below that is not a host name does not load, and every record in it, SPF records
 * included, stays as it was. `named-checkzone` only warns, so CI that runs it passes.
 *
 * What BIND 9.18 checks (its rdata types' `checkowner` and `checknames`), confirmed against
 * `named-checkzone -k warn` on random zones by test/fuzz/check-names-differential.test.ts:
 * - the owner of A, AAAA, MX, WKS and A6 records is a host name (a first `*` label allowed);
 *   an A record may also sit below an `_spf`, `_spf_verify` or `_spf_rate` label (SPF `exists`
 *   targets, RFC 7208 §5.7, Appendix D.1), and an A or AAAA record at `gc._msdcs.<host name>`
 *   (Active Directory);
 * - the host names in RDATA: NS, MX, SRV, AFSDB, RT, HTTPS and SVCB targets, the SOA MNAME, and
 *   PTR targets in reverse zones; the mailboxes of SOA RNAME, RP and MINFO.
 * A host name's labels are letters, digits and hyphens, starting and ending with a letter or
 * digit; a mailbox's first label is any printable character.
 */
export const rule: Rule = {
  code: 'SPF406',
  name: 'bind-check-names',
  severity: 'warning',
  description:
    "A BIND zone file name that is not a host name where BIND's check-names requires one: a primary zone with it does not load.",
  check(ctx) {
    const records = ctx.records
    let owner = ''
    let ownerOk = true
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as ZoneRecord
      if (record.format !== 'bind') continue
      const type = record.type
      if (OWNER_CHECKED.has(type)) {
        // Records of one owner follow each other: judge the name once.
        if (record.name !== owner) {
          owner = record.name
          const unstarred = owner.startsWith('*.') ? owner.slice(2) : owner
          ownerOk = PLAIN_HOST.test(unstarred) || isHostName(labelsOf(owner), true)
        }
        if (!ownerOk && !isExcepted(owner, type)) {
          ctx.report({
            location: ownerLocation(record),
            message: ownerMessage(record),
            name: record.name,
          })
        }
      }
      const fields = RDATA_NAMES[type]
      if (fields === undefined) continue
      if (type === 'PTR' && !isReverseName(record.name)) continue
      const values = record.rdata.split(' ')
      for (const [index, what, kind] of fields) {
        const written = values[index]
        if (written === undefined) continue
        // Most types' names are printed absolute; RP, MINFO, HTTPS and SVCB keep them as written.
        const origin = record.rdataOrigin ?? '.'
        if (PLAIN_HOST.test(written) && (written.endsWith('.') || PLAIN_HOST.test(origin))) continue
        const value = parseName(written, 0, written.length, origin)
        if (typeof value !== 'string') continue // the reader has reported it (SPF401)
        const labels = labelsOf(value)
        const ok = kind === 'host' ? isHostName(labels, false) : isMailbox(labels)
        if (ok) continue
        ctx.report({
          location: rdataFieldLocation(record, index),
          message: rdataMessage(record, what, kind, value),
          name: record.name,
        })
      }
    }
  },
}

/**
 * Most names, at a glance and without taking them apart: host names without escapes, relative
 * or absolute, and the root.
 */
const PLAIN_HOST = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?\.?$|^\.$/i

const OWNER_CHECKED: ReadonlySet<string> = new Set(['A', 'AAAA', 'MX', 'WKS', 'A6'])

type Kind = 'host' | 'mailbox'

/** Per type: the index of each name among the canonical RDATA's fields, what it is, its kind. */
const RDATA_NAMES: Readonly<Record<string, readonly (readonly [number, string, Kind])[]>> = {
  NS: [[0, 'name server', 'host']],
  MX: [[1, 'mail exchanger', 'host']],
  SRV: [[3, 'target', 'host']],
  AFSDB: [[1, 'server', 'host']],
  RT: [[1, 'intermediate host', 'host']],
  HTTPS: [[1, 'target', 'host']],
  SVCB: [[1, 'target', 'host']],
  PTR: [[0, 'target', 'host']],
  SOA: [
    [0, 'primary name server (MNAME)', 'host'],
    [1, 'mailbox (RNAME)', 'mailbox'],
  ],
  RP: [[0, 'mailbox', 'mailbox']],
  MINFO: [
    [0, 'mailbox (RMAILBX)', 'mailbox'],
    [1, 'mailbox (EMAILBX)', 'mailbox'],
  ],
}

const PERMITTED_SPF_LABELS: ReadonlySet<string> = new Set(['_spf', '_spf_verify', '_spf_rate'])

const CONSEQUENCE =
  "a primary zone with it does not load (check-names fail, named's default for primary zones; named-checkzone only warns)"

function ownerMessage(record: ZoneRecord): string {
  const underscore =
    record.type === 'A' && /(^|\.)_/.test(record.name)
      ? '. Of names with an underscore, BIND accepts for A records only those below an _spf, _spf_verify or _spf_rate label (SPF exists targets)'
      : ''
  return `"${record.name}" is not a host name, and BIND's check-names requires one as the owner of an ${record.type} record: ${CONSEQUENCE}. Use letters, digits and inner hyphens${underscore}`
}

function rdataMessage(record: ZoneRecord, what: string, kind: Kind, value: string): string {
  return kind === 'host'
    ? `the ${record.type} record's ${what} "${value}" is not a host name, and BIND's check-names requires one: ${CONSEQUENCE}. Use letters, digits and inner hyphens`
    : `the ${record.type} record's ${what} "${value}" is not a mailbox BIND accepts (a printable first label, then a host name): ${CONSEQUENCE}`
}

/** The labels of a valid name in presentation form, as octets (see `nameLabels`). */
function labelsOf(name: string): number[][] {
  const read = nameLabels(name, 0, name.length)
  return 'error' in read ? [] : read.labels
}

/**
 * BIND's `dns_name_ishostname()`: every label letters, digits and hyphens, starting and ending
 * with a letter or digit; with `wildcard`, a first label `*` is allowed.
 */
function isHostName(labels: readonly number[][], wildcard: boolean): boolean {
  const first = wildcard && labels[0]?.length === 1 && labels[0][0] === 42 ? 1 : 0
  for (let k = first; k < labels.length; k++) {
    const label = labels[k] as number[]
    const last = label.length - 1
    for (let i = 0; i <= last; i++) {
      const c = label[i] as number
      if (isAlnum(c)) continue
      if (c !== 45 || i === 0 || i === last) return false
    }
  }
  return true
}

/** BIND's `dns_name_ismailbox()`: a first label of printable characters, then a host name. */
function isMailbox(labels: readonly number[][]): boolean {
  const first = labels[0]
  if (first === undefined) return true
  for (const c of first) if (c < 0x21 || c > 0x7e) return false
  return isHostName(labels.slice(1), false)
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)
}

/**
 * BIND's exceptions: an A or AAAA record at `gc._msdcs.<host name>` (Active Directory), and an
 * A record below an `_spf`, `_spf_verify` or `_spf_rate` label (SPF `exists` targets).
 */
function isExcepted(name: string, type: string): boolean {
  if (type !== 'A' && type !== 'AAAA') return false
  const octets = labelsOf(name)
  const labels = octets.map((l) => String.fromCharCode(...l).toLowerCase())
  if (labels.length < 2) return false
  if (labels[0] === 'gc' && labels[1] === '_msdcs' && isHostName(octets.slice(2), false))
    return true
  if (type !== 'A') return false
  for (let i = 0; i < labels.length - 1; i++) {
    if (PERMITTED_SPF_LABELS.has(labels[i] as string)) return true
  }
  return false
}

function isReverseName(name: string): boolean {
  return /(^|\.)(in-addr\.arpa|ip6\.arpa|ip6\.int)$/.test(name)
}

/** The owner as written at the start of the entry, or the whole entry when the owner is blank. */
function ownerLocation(record: ZoneRecord): Location {
  const at = record.location
  const text = at.file.text
  const lineStart = text.lastIndexOf('\n', at.start - 1) + 1
  if (at.start !== lineStart) return at
  let end = at.start
  while (end < at.end && !/\s/.test(text[end] as string)) end++
  return end > at.start ? { file: at.file, start: at.start, end } : at
}
