/**
 * The master-file reader against BIND itself on random zone files: `named-compilezone` (Debian
 * `bind9-utils`, with every semantic check off, as scripts/bind-golden.sh runs it) must load
 * the zones the reader loads and refuse those it reports an error in, and what both load must be
 * the same records, TTLs included, with BIND's out-of-zone warnings where the reader reports
 * dropped records. The zones mix what real zone files hold with what
 * trips readers up: blank owners, `@`, owners that differ only in case, glue after NS records,
 * TTL and class in either order, TTL units, escapes and quotes in names and character-strings,
 * parentheses over lines with comments, `$ORIGIN`, `$TTL`, `$GENERATE`, RFC 3597 generic RDATA,
 * meta and obsolete types, CRLF line ends, and broken lines. Only record types whose RDATA the
 * reader checks are drawn: others it keeps as written (see src/sources/bind/rdata.ts).
 * `npm run fuzz` multiplies the count.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, expect, test } from 'vitest'
import { SourceFile } from '../../src/model/source.js'
import { formatCanonical, parseMasterFile } from '../../src/sources/bind/index.js'
import { runs, SEED } from './support.js'

const ZONE = 'example.com'
/** BIND starts once per zone (about 30 ms), so a long run (`npm run fuzz`) stops at this many. */
const ZONES = Math.min(runs(150), 3000)
const BIND_FLAGS = ['-i', 'none', '-k', 'ignore', '-n', 'ignore', '-m', 'ignore', '-M', 'ignore']
const MORE_FLAGS = ['-S', 'ignore', '-r', 'ignore', '-T', 'ignore', '-W', 'ignore', '-s', 'full']
const OUTPUT = ['-f', 'text', '-F', 'text', '-o', '-']

const dir = mkdtempSync(path.join(tmpdir(), 'spf-lint-bind-differential-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Mostly what zone files hold, sometimes what BIND refuses or reads surprisingly. */
function mostly<T>(good: T[], odd: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...odd) },
  )
}

const owner = mostly(
  ['www', 'mail', 'a', 'A', 'Mail', 'sub.x', 'host-1', '_spf', '_dmarc', '*', '@', 'ns1', 'NS1'],
  ['a\\.b', 'x\\032y', 'x\\065', 'ns.sub', 'sub', 'relay.example.com.', 'smtp.example.org.'].concat(
    ['y'.repeat(63), 'z'.repeat(64), '"quoted"', 'a..b', '\\@', '-', '*.w'],
  ),
)
const ttl = mostly(
  ['', '', '', '300', '1h', '1H30M', '2w', '0', '86400', '1d2h', '2147483647'],
  ['2147483648', '4294967295', '1h2', '7x', '3600s'],
)
const rrClass = mostly(['', '', '', 'IN', 'in', 'CLASS1'], ['CH', 'CLASS3'])
const name = mostly(
  ['target', 'target.example.org.', '@', 'ns1', 'ns.sub', 'Mail', 'sub', 'ns2.sub'],
  ['.', 'a..b', 'x\\065', '"quoted"', 'w'.repeat(64)],
)

/** One character-string's content: SPF terms, escapes, specials, long runs. */
const chunk = mostly(
  ['v=spf1', ' ', 'ip4:192.0.2.1', 'include:_spf.example.com', '-all', '%{d}', '\\"', ';'],
  ['é', '\t', '\\\\', '\\059', '\\;', '(', ')', '\\255', '\\256', '\\12', '\\', '\\a'].concat([
    'x'.repeat(100),
    'x'.repeat(250),
    'x'.repeat(255),
    'x'.repeat(256),
  ]),
)
const quoted = fc.array(chunk, { maxLength: 4 }).map((parts) => `"${parts.join('')}"`)
const unquoted = mostly(['v=spf1', '-all', 'ip4:192.0.2.0/24'], ['a\\ b', 'x\\;y', 'a"b'])
const txtRdata = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: quoted }, { weight: 1, arbitrary: unquoted }), {
      minLength: 1,
      maxLength: 3,
    }),
    mostly(['plain', 'plain', 'plain', 'parens', 'parens-comments'], ['open']),
  )
  .map(([strings, layout]) => {
    if (layout === 'parens') return `( ${strings.join('\n\t')} )`
    if (layout === 'parens-comments') return `( ${strings.join(' ; note\n  ')} ; end\n )`
    if (layout === 'open') return `( ${strings.join(' ')}`
    return strings.join(' ')
  })
const generic = mostly(['\\# 0', '\\# 4 03616263', '\\# 2 0161'], ['\\# 3 03616263', '\\#'])

/** Type and RDATA, from the types whose RDATA the reader checks. */
const typed: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(fc.constantFrom('TXT', 'txt', 'SPF'), txtRdata) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('TXT', 'TYPE16', 'TYPE99'), generic) },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constant('A'),
      mostly(
        ['192.0.2.1', '10.0.0.1', '0.0.0.0', '\\# 4 c0000201'],
        ['192.0.2.256', '1.2.3', '01.2.3.4', '\\# 3 c00002'],
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant('AAAA'),
      mostly(['2001:db8::1', '::1', '::ffff:192.0.2.1'], ['2001:db8::g', '1:2:3:4:5:6:7:8:9']),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('MX', 'mx', 'AFSDB', 'KX'),
      fc.oneof(
        name.map((n) => `10 ${n}`),
        mostly(['0 .'], ['65536 mx', 'x mx', '10', '10 a b']),
      ),
    ),
  },
  // Not DNAME: BIND checks what lies below one even with its checks off, and the reader does not.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('NS', 'CNAME', 'PTR', 'MB'), name) },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant('SRV'),
      mostly(['0 5 25 mail', '0 5 25 .', '0 0 0 a\\.b'], ['1 2 3', '65536 1 1 x']),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constantFrom(
        'MD',
        'MF',
        'TYPE3',
        'TYPE0',
        'TYPE128',
        'TYPE255',
        'ANY',
        'OPT',
        'FOO',
        'TYPE65280',
      ),
      fc.constantFrom('target', '\\# 0'),
    ),
  },
)

const record = fc
  .tuple(
    fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: owner }),
    ttl,
    rrClass,
    fc.boolean(),
    typed,
    fc.constantFrom(' ', '\t', '  '),
  )
  .map(([who, t, c, classFirst, [type, rdata], gap]) => {
    const head = (classFirst ? [c, t] : [t, c]).filter((x) => x !== '')
    return [who === '' ? ' ' : who, ...head, type, rdata].join(gap)
  })

const line = fc.oneof(
  { weight: 20, arbitrary: record },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('sub', 'example.com.', 'other.example.', 'Sub.Example.Com.', 'x\\.y')
      .map((o) => `$ORIGIN ${o}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('300', '1w', '0', 'x').map((t) => `$TTL ${t}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('1-3', '0-4/2', '5-4', '1-2'),
        fc.constantFrom('h$', 'h${0,3,d}', 'h$$', '$.x', 'H$'),
        fc.constantFrom('', '300 ', 'IN '),
        fc.constantFrom('A 192.0.2.$', 'TXT "v=spf1 ip4:192.0.2.$ -all"', 'CNAME t$', 'MX 10 m$'),
      )
      .map(([range, lhs, extra, rhs]) => `$GENERATE ${range} ${lhs} ${extra}${rhs}`),
  },
  { weight: 1, arbitrary: chunk.map((c) => `; ${c}`) },
  { weight: 1, arbitrary: mostly(['', '  ; only a comment'], ['( ', ')', '"', '$FOO x']) },
)

const zoneFile = fc
  .tuple(
    fc.constantFrom('$TTL 3600', '$TTL 1h ; default', ''),
    fc.constantFrom('', 'IN ', '3600 IN '),
    fc.array(line, { minLength: 1, maxLength: 8 }),
    fc.constantFrom('\n', '\n', '\n', '\r\n'),
    fc.boolean(),
  )
  .map(([defaultTtl, soaHead, lines, eol, finalEol]) => {
    const head = [
      defaultTtl,
      `@ ${soaHead}SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )`,
      // BIND checks that an in-zone NS target has an address even with the checks off.
      '@ NS ns1',
      'ns1 A 192.0.2.53',
    ].filter((l) => l !== '')
    return [...head, ...lines].join(eol) + (finalEol ? eol : '')
  })

/** What BIND made of one file: whether it loaded, and the records it printed as ours prints them. */
function compileWithBind(file: string): { loaded: boolean; records: string[]; messages: string } {
  const run = spawnSync(
    'named-compilezone',
    [...BIND_FLAGS, ...MORE_FLAGS, ...OUTPUT, ZONE, path.basename(file)],
    { cwd: path.dirname(file), encoding: 'latin1' },
  )
  if (run.error) throw run.error
  const records = run.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) =>
      l.replace(/^(\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+/, (_, o, t, c, type) => {
        return `${String(o).toLowerCase()} ${t} ${c} ${type} `
      }),
    )
  return { loaded: run.status === 0, records: sorted(records), messages: run.stderr }
}

function sorted(lines: string[]): string[] {
  return [...new Set(lines)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

test(
  'the zone-file reader loads what named-compilezone loads and refuses what it refuses, with the same records',
  () => {
    if (spawnSync('named-compilezone', ['-v']).status !== 0) {
      throw new Error(
        'named-compilezone is not installed: apt-get install bind9-utils (CI installs it)',
      )
    }
    const zones = fc.sample(zoneFile, { seed: SEED, numRuns: ZONES })
    const disagreements: string[] = []
    let loaded = 0
    for (const [i, text] of zones.entries()) {
      const file = path.join(dir, `zone-${i}.db`)
      // The generator writes characters, BIND reads bytes: UTF-8 on disk, read back as latin1.
      const bytes = Buffer.from(text, 'utf8')
      writeFileSync(file, bytes)
      const bind = compileWithBind(file)
      const source = new SourceFile(`zone-${i}.db`, file, bytes.toString('latin1'), 'bytes')
      const ours = parseMasterFile(source, { origin: ZONE })
      const dropped = ours.diagnostics.filter((d) => / is outside the zone /.test(d.message))
      const errors = ours.diagnostics.filter((d) => !dropped.includes(d))
      const sameRecords =
        !bind.loaded ||
        JSON.stringify(sorted(ours.records.map(formatCanonical))) === JSON.stringify(bind.records)
      // BIND warns once per run of out-of-zone records, at its first line; we report each one.
      const warned = [...bind.messages.matchAll(/:(\d+): ignoring out-of-zone data/g)].map((m) =>
        Number(m[1]),
      )
      const reported = new Set(dropped.map((d) => source.position(d.location.start).line))
      const sameDrops =
        !bind.loaded ||
        (warned.every((line) => reported.has(line)) &&
          (warned.length === 0) === (reported.size === 0))
      if (bind.loaded) loaded++
      if (bind.loaded === (errors.length === 0) && sameRecords && sameDrops) continue
      disagreements.push(
        [
          `zone ${i}: BIND ${bind.loaded ? 'loads it' : 'refuses it'}, ours ${errors.length === 0 ? 'loads it' : 'refuses it'}`,
          text,
          `BIND: ${bind.messages.trim()}`,
          `ours: ${ours.diagnostics.map((d) => d.message).join(' | ')}`,
          bind.loaded && errors.length === 0
            ? `BIND's records: ${bind.records.join(' | ')}\nours: ${sorted(ours.records.map(formatCanonical)).join(' | ')}`
            : '',
        ].join('\n'),
      )
    }
    const report = process.env.FUZZ_REPORT
    if (report) {
      const line = { name: 'bind/named-compilezone', runs: zones.length, seed: SEED }
      appendFileSync(report, `${JSON.stringify({ ...line, failed: disagreements.length > 0 })}\n`)
    }
    // Both outcomes are common, so that loading and refusing are both compared.
    expect(loaded).toBeGreaterThan(zones.length / 5)
    expect(loaded).toBeLessThan(zones.length - zones.length / 5)
    expect(
      disagreements.slice(0, 5).join('\n\n'),
      `${disagreements.length} of ${zones.length}`,
    ).toBe('')
  },
  60_000 + ZONES * 200,
) // a bound against a hang, growing with the count
