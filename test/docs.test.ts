/**
 * The rule pages (`docs/rules/<CODE>.md`) against real output: every rule has a page, every
 * wrong example produces the page's code and prints exactly what the page shows, and every
 * right example does not produce it. With UPDATE_DOCS=1 (`npm run docs:update`) the output
 * blocks are rewritten from real output instead of compared.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { rules } from '../src/rules/index.js'
import { parsePage, runExample, withOutputs } from '../scripts/rule-docs.js'
import type { Example } from '../scripts/rule-docs.js'

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url))
const UPDATE = process.env.UPDATE_DOCS === '1'

const pages = readdirSync(DOCS)
  .filter((f) => /^SPF\d{3}\.md$/.test(f))
  .sort()

/** The index table: `| [SPF101](SPF101.md) | unknown-mechanism | error | ... |`. */
function readIndex(): Map<string, { name: string; severity: string }> {
  const index = new Map<string, { name: string; severity: string }>()
  const text = readFileSync(`${DOCS}README.md`, 'utf8')
  for (const match of text.matchAll(
    /^\| \[(SPF\d{3})\]\(\1\.md\) \| `([a-z0-9-]+)` \| (\w+) \|/gm,
  )) {
    index.set(match[1] as string, { name: match[2] as string, severity: match[3] as string })
  }
  return index
}

describe('rule pages', () => {
  const index = readIndex()

  it.each(rules.map((r) => r.code))('%s has a page and an index entry', (code) => {
    expect(existsSync(`${DOCS}${code}.md`)).toBe(true)
    expect(index.has(code)).toBe(true)
  })

  it('lists every page in the index, and nothing else', () => {
    expect([...index.keys()].sort()).toEqual(pages.map((p) => p.replace('.md', '')))
  })

  it.each(pages)('%s: title and severity agree with the registry and the index', (file) => {
    const page = parsePage(readFileSync(`${DOCS}${file}`, 'utf8'))
    expect(`${page.code}.md`).toBe(file)
    expect(index.get(page.code)).toEqual({ name: page.name, severity: page.severity })
    const rule = rules.find((r) => r.code === page.code)
    if (rule) expect(rule).toMatchObject({ name: page.name, severity: page.severity })
    expect(page.examples.some((e) => e.section === 'wrong')).toBe(true)
    expect(page.examples.some((e) => e.section === 'right')).toBe(true)
  })
})

describe.each(rules.map((r) => r.code).filter((code) => pages.includes(`${code}.md`)))(
  '%s page examples',
  (code) => {
    const file = `${DOCS}${code}.md`
    const page = parsePage(readFileSync(file, 'utf8'))
    const wrong = page.examples.filter((e) => e.section === 'wrong')
    const right = page.examples.filter((e) => e.section === 'right')
    const label = (e: Example) => `${e.main?.name ?? e.companions.map((c) => c.name).join('+')}`

    it('wrong examples produce the rule and print what the page shows', async () => {
      const outputs = new Map<Example, string>()
      for (const example of wrong) {
        const run = await runExample(example, code)
        expect(run.findings.length, `${label(example)} must produce ${code}`).toBeGreaterThan(0)
        outputs.set(example, run.text)
        if (!UPDATE) {
          expect(
            example.output,
            `${label(example)} needs a text block with the output`,
          ).toBeDefined()
          expect(example.output?.content).toBe(run.text)
        }
      }
      if (UPDATE) {
        const updated = withOutputs(page, outputs)
        if (updated !== page.lines.join('\n')) writeFileSync(file, updated)
      }
    })

    it('right examples do not produce the rule', async () => {
      for (const example of right) {
        const run = await runExample(example, code)
        expect(
          run.findings.map((f) => `${f.line}:${f.column} ${f.message}`),
          label(example),
        ).toEqual([])
      }
    })
  },
)
