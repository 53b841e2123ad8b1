/** Parsing a YAML file into a document whose nodes keep their source positions. */
import { isCollection, isPair, parseDocument } from 'yaml'
import type { Document, Node, ScalarTag } from 'yaml'
import { defaultLimits } from '../../limits.js'
import type { SourceFile } from '../../model/source.js'
import type { SourceDiagnostic } from '../types.js'

/** octoDNS's `!include path`: kept as a tagged string, resolved by the reader that allows it. */
export const INCLUDE_TAG = '!include'

const includeTag: ScalarTag = {
  tag: INCLUDE_TAG,
  resolve: (value: string) => value,
}

export interface ParsedYaml {
  file: SourceFile
  doc: Document.Parsed
  diagnostics: SourceDiagnostic[]
  /** True when the document has errors and its contents should not be trusted. */
  broken: boolean
}

export interface ParseOptions {
  /** YAML 1.1 merge keys (`<<: *defaults`), which PyYAML and therefore octoDNS honour. */
  merge?: boolean
  /** Accept octoDNS's `!include` tag. */
  include?: boolean
  /** Deepest nesting of collections accepted (limits.maxYamlDepth). */
  maxDepth?: number
  /** Documents parsed earlier in the run, to take rather than parse the same text again. */
  parsed?: ParsedDocuments
}

/**
 * Documents parsed while the files were told apart (src/sources/index.ts), handed to the reader
 * that reads each file next: a run parses each YAML file once. A document is taken only when
 * the options that could change it agree for its text.
 */
export class ParsedDocuments {
  private readonly docs = new Map<string, { doc: Document.Parsed; key: string }>()

  /** Parse `text` as `parseYaml` would with these options, and keep the document for `take`. */
  parse(text: string, options: Pick<ParseOptions, 'merge' | 'include'>): Document.Parsed {
    const doc = parseText(text, options)
    this.docs.set(text, { doc, key: optionsKey(text, options) })
    return doc
  }

  /** The document parsed from `text` with equivalent options, once; undefined otherwise. */
  take(text: string, options: ParseOptions): Document.Parsed | undefined {
    const kept = this.docs.get(text)
    if (!kept || kept.key !== optionsKey(text, options)) return undefined
    this.docs.delete(text)
    return kept.doc
  }
}

/** `merge` changes only documents with `<<` in them, `include` only those with `!include`. */
function optionsKey(text: string, options: Pick<ParseOptions, 'merge' | 'include'>): string {
  const merge = options.merge === true && text.includes('<<')
  const include = options.include === true && text.includes(INCLUDE_TAG)
  return `${merge ? 'm' : ''}${include ? 'i' : ''}`
}

/** Throws on documents the parser cannot take (it recurses on nesting). */
function parseText(text: string, options: Pick<ParseOptions, 'merge' | 'include'>) {
  return parseDocument(text, {
    keepSourceTokens: true,
    // Duplicates are reported by the readers, which know what a key means (a DNS name is
    // case-insensitive); the value kept is the last, as PyYAML keeps it.
    uniqueKeys: false,
    merge: options.merge ?? false,
    prettyErrors: false,
    customTags: options.include ? [includeTag] : [],
    // Not `warn`: the library would print its warnings (a collection used as a key, ...) to the
    // process's stderr, outside any report. The readers report what they cannot use themselves.
    logLevel: 'error',
  })
}

export function parseYaml(file: SourceFile, options: ParseOptions = {}): ParsedYaml {
  let doc: Document.Parsed
  try {
    doc = options.parsed?.take(file.text, options) ?? parseText(file.text, options)
  } catch (error) {
    // The parser recurses on nesting; a pathological document must not take the run down.
    const message = `YAML: the file could not be parsed (${error instanceof Error ? error.message : String(error)})`
    const empty = parseDocument('')
    return { file, doc: empty, diagnostics: [located(file, message, 0, 0)], broken: true }
  }
  const diagnostics: SourceDiagnostic[] = []
  for (const problem of [...doc.errors, ...doc.warnings]) {
    diagnostics.push({
      code: 'SPF401',
      message: yamlMessage(
        problem.code,
        problem.message,
        file.text.slice(problem.pos[0], problem.pos[0] + 2),
      ),
      location: { file, start: problem.pos[0], end: Math.max(problem.pos[1], problem.pos[0] + 1) },
    })
  }
  const maxDepth = options.maxDepth ?? defaultLimits.maxYamlDepth
  const deep = tooDeep(doc.contents as Node | null, maxDepth)
  if (deep) {
    const at = deep.range?.[0] ?? 0
    const message = `YAML collections nested more than ${maxDepth} deep (limits.maxYamlDepth); the file was not read`
    diagnostics.push(located(file, message, at, at + 1))
  }
  return { file, doc, diagnostics, broken: doc.errors.length > 0 || deep !== undefined }
}

function located(file: SourceFile, message: string, start: number, end: number): SourceDiagnostic {
  return { code: 'SPF401', message, location: { file, start, end } }
}

/** The first collection nested deeper than `max` (without recursion: depth is the attack). */
function tooDeep(root: Node | null, max: number): Node | undefined {
  const stack: [unknown, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (!isCollection(node)) continue
    if (depth >= max) return node
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1])
      else stack.push([item, depth + 1])
    }
  }
  return undefined
}

function yamlMessage(code: string, message: string, text: string): string {
  const base = `YAML: ${message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '')}`
  if (code === 'BAD_DQ_ESCAPE' && text.startsWith('\\;')) {
    return `${base}; in a double-quoted string write "\\\\;", or use a plain or single-quoted value`
  }
  if (code === 'TAG_RESOLVE_FAILED') return `${base}; PyYAML's safe loader rejects unknown tags`
  return base
}
