/**
 * Shared pieces of the property-based tests: one fixed seed, run counts that a longer run
 * (`npm run fuzz`) scales up, a corpus of real inputs to mutate, and a per-input time bound.
 */
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { parse } from 'yaml'
import { expect } from 'vitest'
import type { Location } from '../../src/model/source.js'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Fixed unless asked otherwise, so every failure reproduces. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261127)

/** `base` inputs in the ordinary suite; `npm run fuzz` multiplies them by FUZZ_SCALE. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * Number(process.env.FUZZ_SCALE ?? 1)))
}

/** Generous: a parser that needs this long for one small input is looping. */
export const BOUND_MS = 10_000

/** fast-check settings for a property, counting its inputs for the long run's report. */
export function settings(name: string, numRuns: number): fc.Parameters<unknown> {
  return {
    seed: SEED,
    numRuns,
    endOnFailure: true,
    reporter: (details) => {
      const report = process.env.FUZZ_REPORT
      if (report) {
        const line = { name, runs: details.numRuns, failed: details.failed, seed: details.seed }
        appendFileSync(report, `${JSON.stringify(line)}\n`)
      }
      if (details.failed) {
        const cause = details.errorInstance
        const why = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)
        throw new Error(`${fc.defaultReportMessage(details) ?? `${name} failed`}\n${why}`)
      }
    },
  }
}

/** Run `work` and fail if it took longer than the bound. */
export function timed<T>(work: () => T): T {
  const start = performance.now()
  const value = work()
  expect(performance.now() - start).toBeLessThan(BOUND_MS)
  return value
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const value = await work()
  expect(performance.now() - start).toBeLessThan(BOUND_MS)
  return value
}

function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name)
    if (statSync(abs).isDirectory()) out.push(...filesUnder(abs))
    else out.push(abs)
  }
  return out
}

/** Zone files as bytes (latin1: one character per byte, as the BIND reader reads them). */
export function bindCorpus(): string[] {
  const files = [
    ...filesUnder(path.join(REPO, 'test/fixtures/bind/zones')),
    ...filesUnder(path.join(REPO, 'examples/bind/zones')),
  ]
  return files.map((f) => readFileSync(f).toString('latin1'))
}

export function yamlCorpus(kind: 'octodns' | 'native'): string[] {
  const dirs =
    kind === 'octodns'
      ? ['test/fixtures/octodns', 'examples/octodns']
      : ['test/fixtures/native', 'examples/native']
  return dirs
    .flatMap((d) => filesUnder(path.join(REPO, d)))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => readFileSync(f, 'utf8'))
}

/** Every SPF record text in the openSPF test suites and the examples. */
export function spfCorpus(): string[] {
  const found = new Set<string>()
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/^v=spf1/i.test(value)) found.add(value)
    } else if (Array.isArray(value)) value.forEach(collect)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  for (const name of ['rfc7208-tests.yml', 'rfc4408-tests.yml']) {
    const text = readFileSync(path.join(REPO, 'test/fixtures/openspf', name), 'utf8')
    for (const doc of text.split(/^---$/m)) {
      try {
        collect(parse(doc))
      } catch {
        // a document the yaml package rejects contributes nothing
      }
    }
  }
  for (const zone of bindCorpus()) {
    for (const m of zone.matchAll(/"(v=spf1[^"]*)"/g)) found.add(m[1] as string)
  }
  return [...found].sort()
}

/** Fragments that matter to the formats: quoting, escapes, directives, YAML structure, macros. */
const FRAGMENTS = [
  '"',
  '(',
  ')',
  '\\',
  ';',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '@',
  '.',
  '$INCLUDE ',
  '$ORIGIN ',
  '$TTL ',
  '$GENERATE 1-100 ',
  '$GENERATE 1-999999999 ',
  '\\000',
  '\\255',
  '\\256',
  '\\0',
  '\x00',
  '\xff',
  '\xef\xbb\xbf',
  'TXT ',
  'SPF ',
  'IN ',
  'CH ',
  'TYPE65535 ',
  '\\# 3 abcdef',
  'v=spf1 ',
  'include:',
  'redirect=',
  '%{',
  '%{d}',
  '%{ir.}',
  '%%',
  '}',
  'a:',
  'mx/',
  'ip4:',
  'ip6:',
  '-all',
  '&a ',
  '*a',
  '<<: ',
  '!include ',
  '- ',
  ': ',
  '{',
  '[',
  ']',
  ',',
  '? ',
  '|',
  '>-',
  '---\n',
  'on',
  '0x1F',
  '1_000',
  '~',
  'null',
  '\u00e9',
  '\u2028',
  '\u001b[31m',
  '::error::',
  '%0A',
  '<script>',
]

const mutation = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
)

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never

function apply(text: string, m: Mutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at)
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length)
    case 'repeat':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at)
    case 'truncate':
      return text.slice(0, at)
  }
}

/** A corpus entry with a few mutations applied (zero included: the corpus itself). */
export function mutated(corpus: string[], maxMutations = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutation, { maxLength: maxMutations }))
    .map(([base, ms]) => ms.reduce(apply, base))
}

/** Arbitrary bytes as a latin1 string, for readers that take bytes. */
export const bytes = fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1'))

/** A location must point into its file. */
export function expectInFile(location: Location): void {
  const length = location.file.text.length
  expect(location.start).toBeGreaterThanOrEqual(0)
  expect(location.end).toBeGreaterThanOrEqual(location.start)
  expect(location.end).toBeLessThanOrEqual(length + 1)
}
