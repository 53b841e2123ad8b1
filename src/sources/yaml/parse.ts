/** Parsing a YAML file into a document whose nodes keep their source positions. */
import { parseDocument } from 'yaml'
import type { Document, ScalarTag } from 'yaml'
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
}

export function parseYaml(file: SourceFile, options: ParseOptions = {}): ParsedYaml {
  const doc = parseDocument(file.text, {
    keepSourceTokens: true,
    // Duplicates are reported by the readers, which know what a key means (a DNS name is
    // case-insensitive); the value kept is the last, as PyYAML keeps it.
    uniqueKeys: false,
    merge: options.merge ?? false,
    prettyErrors: false,
    customTags: options.include ? [includeTag] : [],
  })
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
  return { file, doc, diagnostics, broken: doc.errors.length > 0 }
}

function yamlMessage(code: string, message: string, text: string): string {
  const base = `YAML: ${message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '')}`
  if (code === 'BAD_DQ_ESCAPE' && text.startsWith('\\;')) {
    return `${base}; in a double-quoted string write "\\\\;", or use a plain or single-quoted value`
  }
  if (code === 'TAG_RESOLVE_FAILED') return `${base}; PyYAML's safe loader rejects unknown tags`
  return base
}
