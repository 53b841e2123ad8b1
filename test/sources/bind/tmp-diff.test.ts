import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { it } from 'vitest'
import { formatCanonical } from '../../../src/sources/bind/index.js'
import { APEX, parseText } from './helpers.js'
const owners = ['a', 'b.c', '@', '  ', '*', '_spf', 'A\\066c', '"q o"', 'x.example.com.', 'y.example.org.', 'in', '300']
const mids = ['', 'IN ', '300 ', 'IN 300 ', '300 IN ', '1h ', 'CLASS1 ', '2d3h ']
const rdatas = ['TXT "v=spf1 -all"', 'TXT v=spf1 a -all', 'TXT "a;b" ;c', 'TXT ( "x"\n "y" )', 'TXT "\\"\\\\\\009"', 'TXT \\# 3 026869',
  'TXT \\# x', 'SPF "s"', 'TYPE99 "t"', 'A 192.0.2.9', 'AAAA 2001:db8::0:1', 'MX 5 m', 'PTR p.', 'TXT "a"b', 'TXT ""', 'TXT "\\255\\000é"', 'TXT a\\ b', 'TYPE65280 \\# 1 ff', 'TXT "x\\\n y"', 'CNAME @', 'NS a.b', 'TXT a\\;b c\\\\', 'TXT ( ( "a" ) "b" )', 'TXT "(" ")"']
const dirs = ['$ORIGIN sub', '$ORIGIN example.com.', '$TTL 60', '$GENERATE 1-3 g$ TXT "v $"', '$GENERATE 0-2 ${0,2,n} A 192.0.2.$']
it('diff', () => {
  mkdirSync('/tmp/bindreader-perf/diff', { recursive: true })
  let mismatches = 0
  const line = fc.oneof(
    fc.tuple(fc.constantFrom(...owners), fc.constantFrom(...mids), fc.constantFrom(...rdatas)).map(([o, m, r]) => (o.trim() === '' ? o : o + ' ') + m + r),
    fc.constantFrom(...dirs),
  )
  const samples = fc.sample(fc.array(line, { minLength: 1, maxLength: 8 }), 250)
  samples.forEach((lines, n) => {
    const text = APEX + lines.join('\n') + '\n'
    const file = `/tmp/bindreader-perf/diff/z${n}.zone`
    writeFileSync(file, Buffer.from(text, 'latin1'))
    const bind = spawnSync('bash', ['-c', `named-compilezone -i none -k ignore -n ignore -m ignore -M ignore -S ignore -r ignore -T ignore -W ignore -s full -f text -F text -o - example.com ${file} 2>/dev/null | perl -pe 's/^(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+/\\L$1\\E $2 $3 $4 /' | LC_ALL=C sort -u; exit \${PIPESTATUS[0]}`], { encoding: 'latin1' })
    const ours = parseText(text)
    const ourLines = [...new Set(ours.records.map(formatCanonical))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n')
    const bindOk = bind.status === 0
    const ourOk = ours.diagnostics.length === 0
    if (bindOk !== ourOk || (bindOk && ourLines !== bind.stdout.trim())) {
      mismatches++
      if (mismatches < 6) console.log('MISMATCH', file, { bindOk, ourOk, diags: ours.diagnostics.map((d) => d.message) }, '\nBIND:\n' + bind.stdout.trim() + '\nOURS:\n' + ourLines)
    }
  })
  console.log('mismatches', mismatches, 'of', samples.length)
  void execFileSync
}, 600000)
