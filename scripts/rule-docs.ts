/**
 * The rule pages' examples, read and run. `test/docs.test.ts` uses this to check every page
 * against real output, and (with UPDATE_DOCS=1, see `npm run docs:update`) to rewrite the output
 * blocks from it, so the pages cannot drift from what spf-lint prints.
 *
 * A page `docs/rules/SPF101.md` has a `## Wrong` and a `## Right` section. In each, every fenced
 * ```zone block is a whole BIND zone file named `db.example.com`, and every ```yaml block a whole
 * octoDNS zone file named `example.com.yaml`; each is one example. Blocks with `file=NAME` in
 * their info string (```yaml file=.spf-lint.yml) are written next to every example of their
 * section, and a ```json dns block gives the DNS answers for names outside the repository (in
 * `MemoryResolver`'s shape), standing in for live DNS. In `## Wrong`, the ```text block after
 * an example is what spf-lint prints for the page's rule: the finding lines and snippets of the
 * text format, without the summary line.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { lint, toReport } from '../src/lint.js'
import { MemoryResolver } from '../src/dns/memory.js'
import type { MemoryZone } from '../src/dns/memory.js'
import type { ReportedFinding } from '../src/model/finding.js'
import { formatText } from '../src/report/text.js'

export type SectionKind = 'wrong' | 'right'

export interface Block {
  lang: string
  /** `file=NAME` from the info string, for companion files. */
  file?: string
  /** `dns` in the info string of a json block. */
  dns: boolean
  content: string
  /** Line index of the opening fence and of the closing fence. */
  open: number
  close: number
}

export interface Example {
  section: SectionKind
  /** The file the example is written to, and its block. */
  main?: { name: string; block: Block }
  companions: { name: string; block: Block }[]
  dns?: MemoryZone
  /** The ```text block holding the printed output (wrong examples). */
  output?: Block
  /** Line index after which an output block belongs. */
  after: number
}

export interface RulePage {
  code: string
  name: string
  severity: string
  lines: string[]
  examples: Example[]
}

const DEFAULT_NAMES: Record<string, string> = { zone: 'db.example.com', yaml: 'example.com.yaml' }

/** Read a page: its title, default severity and examples. */
export function parsePage(markdown: string): RulePage {
  const lines = markdown.split('\n')
  const title = /^# (SPF\d{3}) ([a-z0-9-]+)$/.exec(lines[0] ?? '')
  const severityLine = lines.find((l) => l.startsWith('**Default severity:**'))
  const severity = /\*\*Default severity:\*\* (\w+)/.exec(severityLine ?? '')?.[1] ?? ''
  const sections = new Map<SectionKind, Block[]>([
    ['wrong', []],
    ['right', []],
  ])
  let section: SectionKind | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const heading = /^## (\w+)/.exec(line)
    if (heading) {
      const word = (heading[1] as string).toLowerCase()
      section = word === 'wrong' || word === 'right' ? word : undefined
      continue
    }
    const fence = /^```(\w*)(.*)$/.exec(line)
    if (!fence) continue
    const close = lines.findIndex((l, j) => j > i && l === '```')
    if (close === -1) throw new Error(`unclosed code block at line ${i + 1}`)
    const attrs = (fence[2] as string).trim().split(/\s+/)
    const file = attrs.find((a) => a.startsWith('file='))?.slice('file='.length)
    const block: Block = {
      lang: fence[1] as string,
      dns: attrs.includes('dns'),
      content: lines.slice(i + 1, close).join('\n'),
      open: i,
      close,
    }
    if (file) block.file = file
    if (section) sections.get(section)?.push(block)
    i = close
  }
  const examples = [...sections].flatMap(([kind, blocks]) => examplesOf(kind, blocks))
  return {
    code: title?.[1] ?? '',
    name: title?.[2] ?? '',
    severity,
    lines,
    examples,
  }
}

function examplesOf(section: SectionKind, blocks: Block[]): Example[] {
  const companions = blocks
    .filter((b) => b.file !== undefined)
    .map((b) => ({ name: b.file as string, block: b }))
  const dnsBlock = blocks.find((b) => b.lang === 'json' && b.dns)
  const dns = dnsBlock ? (JSON.parse(dnsBlock.content) as MemoryZone) : undefined
  const mains = blocks.filter((b) => b.file === undefined && DEFAULT_NAMES[b.lang] !== undefined)
  const outputs = blocks.filter((b) => b.lang === 'text')
  const make = (main: Block | undefined, from: number, to: number): Example => {
    const output = outputs.find((o) => o.open > from && o.open < to)
    const example: Example = { section, companions, after: from }
    if (main) example.main = { name: DEFAULT_NAMES[main.lang] as string, block: main }
    if (dns) example.dns = dns
    if (output) example.output = output
    return example
  }
  if (mains.length === 0) {
    if (companions.length === 0) return []
    const last = Math.max(...companions.map((c) => c.block.close))
    return [make(undefined, last, Number.MAX_SAFE_INTEGER)]
  }
  return mains.map((main, i) =>
    make(main, main.close, mains[i + 1]?.open ?? Number.MAX_SAFE_INTEGER),
  )
}

export interface ExampleRun {
  /** The findings of the page's rule. */
  findings: ReportedFinding[]
  /** What the text format prints for them (without the summary line). */
  text: string
}

/** Write an example to a temporary repository and lint it with the real pipeline. */
export async function runExample(example: Example, code: string): Promise<ExampleRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spf-lint-docs-'))
  try {
    const files = [...(example.main ? [example.main] : []), ...example.companions]
    for (const { name, block } of files) {
      const target = path.join(dir, name)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, `${block.content}\n`)
    }
    const live = example.dns ? { resolver: new MemoryResolver(example.dns) } : false
    const result = await lint({ root: dir, cwd: dir, live })
    const report = toReport(result)
    const findings = report.findings.filter((f) => f.ruleId === code)
    const byPath = new Map(result.files.map((f) => [f.path, f]))
    const printed = formatText(
      { ...report, findings },
      { color: false, lineText: (file, line) => byPath.get(file)?.lineText(line) },
    )
    // Drop the summary line (and the blank line before it): it counts the whole run.
    const lines = printed.replace(/\n$/, '').split('\n')
    const text = findings.length ? lines.slice(0, -2).join('\n') : ''
    return { findings, text: text.split(`${dir}${path.sep}`).join('') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The page with each wrong example's output block set to `outputs` (same order as the wrong
 * examples); a missing block is added after the example.
 */
export function withOutputs(page: RulePage, outputs: Map<Example, string>): string {
  const lines = [...page.lines]
  const edits = [...outputs]
    .map(([example, text]) => ({ example, text }))
    .sort(
      (a, b) =>
        (b.example.output?.open ?? b.example.after) - (a.example.output?.open ?? a.example.after),
    )
  for (const { example, text } of edits) {
    const body = text === '' ? [] : text.split('\n')
    if (example.output) {
      lines.splice(example.output.open + 1, example.output.close - example.output.open - 1, ...body)
    } else {
      lines.splice(example.after + 1, 0, '', 'spf-lint prints:', '', '```text', ...body, '```')
    }
  }
  return lines.join('\n')
}
