/**
 * SPF406 (bind-check-names) against BIND itself: random zones whose owners and RDATA names mix
 * host names with what check-names refuses (underscores, hyphens at either end, escaped
 * characters, a `*` inside a name) and with BIND's exceptions (`_spf`, `_spf_verify` and
 * `_spf_rate` labels, `gc._msdcs`, a first `*` label, the root), over every type whose names
 * BIND checks and some whose names it does not. `named-checkzone -k warn` must warn about
 * exactly the lines, and as many times on each, where the rule reports. `npm run fuzz`
 * multiplies the count.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, expect, test } from 'vitest'
import { lint, toReport } from '../../src/lint.js'
import { runs, settings } from './support.js'

/** BIND starts once per zone (about 30 ms). */
const ZONES = Math.min(runs(40), 1000)
const dir = mkdtempSync(path.join(tmpdir(), 'spf-lint-check-names-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const label = fc.constantFrom(
  ...['a', 'mail', 'b1', '7', '0a', 'x-y', 'a--b', 'A-B', 'gc', '_msdcs', '_spf', '_SPF'],
  ...['_spf_verify', '_spf_rate', '_spfx', '-x', 'x-', '_x', 'x_y', '-', 'a\\.b', 'a\\032b'],
  ...['\\065b', 'a\\_b', 'x*'],
)
/** A relative name of one to three labels, sometimes with a first `*` label. */
const relative = fc
  .tuple(fc.boolean(), fc.array(label, { minLength: 1, maxLength: 3 }))
  .map(([wild, labels]) => (wild && labels.length < 3 ? ['*', ...labels] : labels).join('.'))
/** A name in RDATA: relative, absolute elsewhere, or the root. */
const target = fc.oneof(
  { weight: 6, arbitrary: relative },
  { weight: 2, arbitrary: relative.map((n) => `${n}.example.net.`) },
  { weight: 1, arbitrary: fc.constant('.') },
)
const mailbox = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(label, target).map(([l, t]) => `${l}.${t}`.replace('..', '.')) },
  { weight: 1, arbitrary: target },
)

type Entry = (owner: string) => fc.Arbitrary<string>
const ENTRIES: Entry[] = [
  (o) => fc.constant(`${o} A 192.0.2.1`),
  (o) => fc.constant(`${o} AAAA 2001:db8::1`),
  (o) => target.map((t) => `${o} MX 10 ${t}`),
  // Not at a wildcard name, which BIND refuses for NS (and the reader with it).
  (o) => target.map((t) => `${o.replace(/^\*\./, 'w.')} NS ${t}`),
  (o) => target.map((t) => `${o} SRV 0 5 5060 ${t}`),
  (o) => target.map((t) => `${o} AFSDB 1 ${t}`),
  (o) => target.map((t) => `${o} RT 10 ${t}`),
  (o) => target.map((t) => `${o} HTTPS 1 ${t}`),
  (o) => target.map((t) => `${o} SVCB 1 ${t}`),
  (o) => fc.tuple(mailbox, target).map(([m, t]) => `${o} RP ${m} ${t}`),
  (o) => fc.tuple(mailbox, mailbox).map(([m, e]) => `${o} MINFO ${m} ${e}`),
  (o) => fc.constant(`${o} WKS 192.0.2.1 6 25`),
  (o) => target.map((t) => `${o} KX 10 ${t}`),
  (o) => target.map((t) => `${o} CNAME ${t}`),
  (o) => fc.constant(`${o} TXT "x"`),
  // Checked in reverse zones only.
  (o) => target.map((t) => `${o} PTR ${t}`),
]

/**
 * A zone, forward or reverse: an SOA with generated names, then records at distinct owners;
 * halfway, sometimes a new `$ORIGIN`, under which relative owners and RDATA names (RP, MINFO,
 * HTTPS and SVCB ones are kept as written) gain its labels.
 */
const zone = fc
  .tuple(
    fc.constantFrom('example.com', 'example.com', '2.0.192.in-addr.arpa'),
    target,
    mailbox,
    fc.array(fc.tuple(relative, fc.nat(ENTRIES.length - 1)), { minLength: 1, maxLength: 30 }),
    fc.constantFrom('', '', 'sub', '_tcp'),
  )
  .chain(([apex, mname, rname, picks, below]) =>
    fc
      .tuple(...picks.map(([name, kind], i) => (ENTRIES[kind] as Entry)(`${name}.o${i}`)))
      .map((lines) => {
        const half = Math.ceil(lines.length / 2)
        const text = [
          `$ORIGIN ${apex}.`,
          '$TTL 3600',
          `@ SOA ${mname} ${rname} 1 7200 3600 1209600 3600`,
          '@ NS ns1',
          'ns1 A 192.0.2.53',
          ...lines.slice(0, half),
          ...(below ? [`$ORIGIN ${below}.${apex}.`] : []),
          ...lines.slice(half),
          '',
        ].join('\n')
        return { apex, text }
      }),
  )

/** Line numbers of BIND's check-names messages, one per message. */
function bindLines(apex: string, file: string): number[] {
  const run = spawnSync('named-checkzone', ['-k', 'warn', '-i', 'none', apex, file], {
    encoding: 'utf8',
  })
  const out = `${run.stdout}\n${run.stderr}`
  expect(out, out).toContain('loaded serial')
  return [...out.matchAll(/:(\d+):[^\n]*\(check-names\)/g)].map((m) => Number(m[1]))
}

test('SPF406 reports where named-checkzone -k warn warns, line by line', async () => {
  let n = 0
  await fc.assert(
    fc.asyncProperty(zone, async ({ apex, text }) => {
      const root = path.join(dir, String(n++))
      mkdirSync(root)
      const file = path.join(root, `db.${apex}`)
      writeFileSync(file, text)
      const { findings } = toReport(await lint({ paths: [file], root, cwd: root }))
      const unread = findings.filter((f) => f.ruleId === 'SPF401')
      expect(unread.map((f) => f.message)).toEqual([])
      const ours = findings.filter((f) => f.ruleId === 'SPF406').map((f) => f.line)
      const numbered = text
        .split('\n')
        .map((l, i) => `${i + 1}: ${l}`)
        .join('\n')
      expect(
        ours.sort((a, b) => a - b),
        numbered,
      ).toEqual(bindLines(apex, file).sort((a, b) => a - b))
    }),
    settings('bind/check-names', ZONES),
  )
}, 600_000)
