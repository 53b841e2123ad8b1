import { describe, expect, it } from 'vitest'
import { NameIndex } from '../../src/model/name-index.js'
import type { ZoneRecord } from '../../src/model/record.js'

const record = (name: string, type: string) => ({ name, type }) as unknown as ZoneRecord

/** The grouping a Map gives, to compare with. */
function reference(records: ZoneRecord[]): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const r of records) map.set(r.name, [...(map.get(r.name) ?? []), r.type])
  return map
}

function grouped(index: NameIndex): [string, string[]][] {
  return [...index].map(([name, records]) => [name, records.map((r) => r.type)])
}

describe('NameIndex', () => {
  it.each<[string, ZoneRecord[]]>([
    ['no records', []],
    ['one record', [record('a.example', 'A')]],
    ['a run of one name', [record('a', 'A'), record('a', 'AAAA'), record('a', 'MX')]],
    [
      'a name that comes back later keeps file order',
      [
        record('a', 'A'),
        record('b', 'A'),
        record('a', 'TXT'),
        record('c', 'MX'),
        record('a', 'MX'),
      ],
    ],
    ['names that differ only in length', [record('a', 'A'), record('aa', 'A'), record('a', 'MX')]],
    ['the empty name', [record('', 'A'), record('x', 'A'), record('', 'TXT')]],
  ])('%s: groups as a Map does, in order of first appearance', (_, records) => {
    const index = new NameIndex(records)
    const expected = reference(records)
    expect(grouped(index)).toEqual([...expected])
    expect(index.size).toBe(expected.size)
    for (const [name, types] of expected) {
      expect(index.has(name)).toBe(true)
      expect(index.get(name)?.map((r) => r.type)).toEqual(types)
    }
    expect(index.get('missing')).toBeUndefined()
    expect(index.has('missing')).toBe(false)
  })

  it('holds many names, their records interleaved (probing past full slots)', () => {
    const records: ZoneRecord[] = []
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5000; i++) records.push(record(`h${i}.example`, `T${round}`))
    }
    const index = new NameIndex(records)
    expect(index.size).toBe(5000)
    expect(grouped(index)).toEqual([...reference(records)])
    expect(index.get('h4999.example')?.map((r) => r.type)).toEqual(['T0', 'T1', 'T2'])
    expect(index.get('h5000.example')).toBeUndefined()
  })

  it('keys, values and forEach agree with the entries, and lists are fresh', () => {
    const records = [record('a', 'A'), record('b', 'MX'), record('a', 'TXT')]
    const index = new NameIndex(records)
    expect([...index.keys()]).toEqual(['a', 'b'])
    expect([...index.values()].map((rs) => rs.length)).toEqual([2, 1])
    const seen: string[] = []
    index.forEach((rs, name, map) => {
      expect(map).toBe(index)
      seen.push(`${name}:${rs.length}`)
    })
    expect(seen).toEqual(['a:2', 'b:1'])
    expect(index.get('a')).not.toBe(index.get('a'))
  })

  it('chains the records of a name by index', () => {
    const records = [record('a', 'A'), record('b', 'A'), record('a', 'MX')]
    const index = new NameIndex(records)
    expect([0, 1, 2].map((i) => index.isFirst(i))).toEqual([true, true, false])
    expect([0, 1, 2].map((i) => index.hasMore(i))).toEqual([true, false, false])
    expect(index.nextOf(0)).toBe(2)
    expect(index.nextOf(2)).toBe(-1)
  })

  it('is built once per list of records, and again once the list has grown', () => {
    const records = [record('a', 'A'), record('b', 'A')]
    const index = NameIndex.of(records)
    expect(NameIndex.of(records)).toBe(index)
    records.push(record('a', 'MX'))
    const grown = NameIndex.of(records)
    expect(grown).not.toBe(index)
    expect(grown.get('a')?.map((r) => r.type)).toEqual(['A', 'MX'])
    expect(NameIndex.of([...records])).not.toBe(grown)
  })
})
