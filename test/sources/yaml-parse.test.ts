/** Each YAML file is parsed once a run: the document made to tell files apart is the readers'. */
import { describe, expect, it, vi } from 'vitest'
import { SourceFile } from '../../src/model/source.js'
import { readNativeZone } from '../../src/sources/native/index.js'
import { detectYamlKind } from '../../src/sources/octodns/index.js'
import { ParsedDocuments, parseYaml } from '../../src/sources/yaml/parse.js'

const file = (text: string) => new SourceFile('z/example.com.yaml', '/r/z/example.com.yaml', text)

describe('ParsedDocuments', () => {
  it('hands the document parsed to tell a file apart to its reader, once', () => {
    const text = "'':\n  type: TXT\n  value: v=spf1 -all\n"
    const parsed = new ParsedDocuments()
    expect(detectYamlKind('z/example.com.yaml', text, parsed)).toBe('octodns-zone')
    const kept = parsed.take(text, { merge: true, include: true })
    expect(kept?.toJS()).toEqual({ '': { type: 'TXT', value: 'v=spf1 -all' } })
    expect(parsed.take(text, { merge: true, include: true })).toBeUndefined()
  })

  it('gives the reader that same document, with diagnostics located in the reader file', () => {
    const text = 'zone: corp.example\nrecords: [\n'
    const parsed = new ParsedDocuments()
    const doc = parsed.parse(text, { merge: true, include: true })
    const read = parseYaml(file(text), { parsed })
    expect(read.doc).toBe(doc)
    expect(read.broken).toBe(true)
    expect(read.diagnostics[0]?.location.file).toBe(read.file)
  })

  it.each([
    ['merge keys, read without merge', 'a: &x {b: 1}\nc:\n  <<: *x\n', { merge: false }],
    ['an !include tag, read without it', "'': !include common.yaml\n", { include: false }],
  ])('parses again when the options change the document: %s', (_, text, options) => {
    const parsed = new ParsedDocuments()
    const doc = parsed.parse(text, { merge: true, include: true })
    expect(parsed.take(text, { merge: false, include: false, ...options })).toBeUndefined()
    expect(parseYaml(file(text), { ...options, parsed }).doc).not.toBe(doc)
  })

  it('takes a document whose text the options cannot change, whatever they are', () => {
    const text = 'zone: corp.example\nrecords: []\n'
    const parsed = new ParsedDocuments()
    const doc = parsed.parse(text, { merge: true, include: true })
    expect(parseYaml(file(text), { parsed }).doc).toBe(doc)
  })
})

describe('YAML library warnings', () => {
  it('are never printed on the process: a collection as a key is the reader’s to report', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    try {
      const text = 'zone: corp.example\nrecords:\n  - { [a, b]: 1 }\n'
      const read = readNativeZone(new SourceFile('x.zone.yaml', '/r/x.zone.yaml', text))
      expect(read.records).toEqual([])
      expect(read.diagnostics.length).toBeGreaterThan(0)
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })
})
