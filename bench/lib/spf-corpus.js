/**
 * Seeded generator of realistic SPF records: includes of real mail providers, ip4/ip6 ranges,
 * a/mx with prefix lengths, exists with macros, redirect, exp, and about 5% with the mistakes
 * people really make (typos, bad prefixes, commas, `redirect:`), so that parsers take their
 * error paths too.
 */
import { createRandom } from './random.js'

/** @typedef {import('./random.js').Random} Random */

const PROVIDERS = [
  '_spf.google.com',
  'spf.protection.outlook.com',
  'sendgrid.net',
  'mailgun.org',
  'amazonses.com',
  'servers.mcsv.net',
  '_spf.salesforce.com',
  'mail.zendesk.com',
  'spf.mandrillapp.com',
  'spf.mtasv.net',
  'mktomail.com',
  'spf.sendinblue.com',
  '_spf.atlassian.net',
  'zoho.com',
  'spf.messagingengine.com',
]

const TLDS = ['com', 'net', 'org', 'io', 'de', 'example']

/** A network address: host bits cleared, as careful authors write it. @param {Random} r */
function ip4Range(r) {
  const prefix = r.pick([32, 32, 32, 24, 24, 28, 27, 22, 16])
  const parts = [1 + r.int(223), r.int(256), r.int(256), r.int(256)]
  const addr = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
  const net = prefix === 32 ? addr : (addr & (~0 << (32 - prefix))) >>> 0
  const text = [net >>> 24, (net >>> 16) & 255, (net >>> 8) & 255, net & 255].join('.')
  return prefix === 32 ? `ip4:${text}` : `ip4:${text}/${prefix}`
}

/** @param {Random} r */
function ip6Range(r) {
  const prefix = r.pick([32, 48, 48, 56, 64, 128])
  const groups = prefix === 128 ? 8 : prefix / 16
  const parts = []
  for (let i = 0; i < Math.ceil(groups); i++) parts.push(i === 0 ? '2001' : r.hex(1 + r.int(4)))
  if (prefix === 128) return `ip6:${parts.join(':')}`
  return `ip6:${parts.slice(0, Math.floor(groups)).join(':')}::/${prefix}`
}

/** @param {Random} r */
export function domain(r) {
  return `${r.pick(['mail', 'corp', 'shop', 'news', 'app', 'eu', 'us'])}${r.int(5000)}.${r.pick(TLDS)}`
}

/** @param {Random} r @param {string} self */
function term(r, self) {
  const w = r.next()
  if (w < 0.38) return `include:${r.pick(PROVIDERS)}`
  if (w < 0.6) return ip4Range(r)
  if (w < 0.7) return ip6Range(r)
  if (w < 0.78) return r.pick(['a', 'a/24', `a:${self}`, `a:smtp.${self}/28`, 'a//64'])
  if (w < 0.88) return r.pick(['mx', 'mx/24', `mx:${self}`, 'mx/26//64'])
  if (w < 0.93) return `include:_spf.${self}`
  if (w < 0.97)
    return r.pick([
      'exists:%{i}._spf.%{d}',
      'exists:%{ir}.%{v}._spf.%{d2}',
      'exists:%{l1r-}.u.%{d}',
    ])
  if (w < 0.985) return r.pick(['?include:legacy.' + self, '+a', '~mx'])
  return 'ptr'
}

/** The mistakes seen in real zones; each makes the record invalid or suspicious. */
const MISTAKES = [
  (/** @type {string[]} */ t) => t.splice(1, 0, 'nclude:_spf.google.com'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'ip4:192.0.2.300'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'ip4:198.51.100.0/33'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'ipv4:203.0.113.7'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'ip4:10.1.2.3/24'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'redirect:_spf.example.com'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'Include:sendgrid.net'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'include:'),
  (/** @type {string[]} */ t) => t.splice(1, 0, 'exists:%{z}.example.com'),
  (/** @type {string[]} */ t) => t.push('-all:x'),
  (/** @type {string[]} */ t) => t.push('exp=a.example', 'exp=b.example'),
]

/**
 * One record. `self` is the domain the record is published at (used by a/mx/include targets).
 * @param {Random} r @param {string} self
 */
export function spfRecord(r, self) {
  const terms = ['v=spf1']
  const count = 1 + r.int(6)
  for (let i = 0; i < count; i++) terms.push(term(r, self))
  const end = r.next()
  if (end < 0.42) terms.push('-all')
  else if (end < 0.84) terms.push('~all')
  else if (end < 0.88) terms.push('?all')
  else if (end < 0.97) terms.push(`redirect=_spf.${self}`)
  if (r.chance(0.03)) terms.push('exp=explain._spf.%{d}')
  if (r.chance(0.05)) r.pick(MISTAKES)(terms)
  let text = terms.join(' ')
  if (r.chance(0.01)) text = text.replace(' ', ', ')
  if (r.chance(0.01)) text += ' '
  return text
}

/**
 * `count` records from `seed`.
 * @param {number} count @param {number} [seed]
 */
export function spfCorpus(count, seed = 7208) {
  const r = createRandom(seed)
  const out = new Array(count)
  for (let i = 0; i < count; i++) out[i] = spfRecord(r, domain(r))
  return out
}
