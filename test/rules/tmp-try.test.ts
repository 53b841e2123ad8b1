import { it } from 'vitest'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { lint, toReport } from '../../src/lint.js'
import { formatText } from '../../src/report/text.js'
import { MemoryResolver } from '../../src/dns/memory.js'
it('try', async () => {
  const out: string[] = []
  for (const target of (process.env.TRY ?? '').split(',')) {
    const isDir = statSync(target).isDirectory()
    const base = isDir ? target : path.dirname(target)
    const dns = path.join(base, 'dns.json')
    const resolvers = isDir && existsSync(dns) ? [new MemoryResolver(JSON.parse(readFileSync(dns, 'utf8')))] : []
    const r = await lint({ root: base, cwd: base, paths: [isDir ? '.' : path.basename(target)], resolvers })
    const rep = toReport(r)
    const files = new Map(r.files.map((f) => [f.path, f]))
    out.push(`==== ${target}\n` + formatText(rep, { color: false, lineText: (f, l) => files.get(f)?.lineText(l) }))
  }
  writeFileSync('/tmp/try-out.txt', out.join('\n').split('/work/main/test/fixtures/rules/').join(''))
})
