import { it } from 'vitest'
import { SourceFile } from '../../../src/model/source.js'
import { parseMasterFile } from '../../../src/sources/bind/index.js'
import { APEX } from './helpers.js'
it('perf', () => {
  const kinds = [
    (i: number) => `h${i} A 192.0.2.${i % 256}\n`,
    (i: number) => `h${i} TXT "v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"\n`,
    (i: number) => `h${i} MX 10 mx${i % 7}.example.net.\n`,
    (i: number) => `h${i} 300 IN TXT ( "v=spf1 a mx" ; first\n    " ip4:198.51.100.${i % 256}" ; second\n    " -all" )\n`,
    (i: number) => `h${i} CNAME target${i % 100}.example.com.\n`,
  ]
  const parts = [APEX]
  for (let i = 0; i < 1_000_000; i++) parts.push(kinds[i % 5]!(i))
  const text = parts.join('')
  console.log('bytes', text.length)
  for (let run = 0; run < 3; run++) {
    const before = process.memoryUsage().heapUsed
    const t0 = performance.now()
    const file = new SourceFile('big.zone', '/v/big.zone', text, 'bytes')
    const r = parseMasterFile(file, { origin: 'example.com' })
    const t1 = performance.now()
    console.log('records', r.records.length, 'diag', r.diagnostics.length, 'ms', Math.round(t1 - t0), 'heapMB', Math.round((process.memoryUsage().heapUsed - before) / 1e6))
  }
}, 120000)
