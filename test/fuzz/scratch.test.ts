import { test } from 'vitest'
import { SourceFile } from '../../src/model/source.js'
import { parseYaml } from '../../src/sources/yaml/parse.js'
import { readNativeZone } from '../../src/sources/native/index.js'
import { parseMasterFile, formatCanonical } from '../../src/sources/bind/index.js'
import { detectYamlKind } from '../../src/sources/octodns/index.js'

test('probe', () => {
  for (const n of [1000, 10000, 100000]) {
    const text = 'a: ' + '['.repeat(n) + ']'.repeat(n)
    const t0 = Date.now()
    try {
      const r = readNativeZone(new SourceFile('x.zone.yaml', '/x.zone.yaml', 'zone: a\nrecords: ' + '['.repeat(n) + ']'.repeat(n)))
      console.log('native', n, r.diagnostics.length, r.diagnostics[0]?.message, Date.now() - t0)
    } catch (e) { console.log('native threw', n, String(e).slice(0, 100)) }
    try { console.log('detect', detectYamlKind('a.b.yaml', text)) } catch (e) { console.log('detect threw', String(e).slice(0, 100)) }
  }
  const f = new SourceFile('db.x', '/db.x', '$TTL 1h\n@ IN TXT "v=spf1 -all" "\\010\\027[31m"\nwww IN A 1.2.3.4\n', 'bytes')
  const r = parseMasterFile(f, { origin: 'x.' })
  console.log(r.records.map(formatCanonical), r.diagnostics.map((d) => d.message))
})
