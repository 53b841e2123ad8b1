import { describe, expect, it } from 'vitest'
import { IntList } from '../../../src/sources/bind/int-list.js'

describe('IntList', () => {
  it.each([0, 1, 64, 65, 1000])('keeps %i pushed numbers in order, past its growth', (count) => {
    const list = new IntList()
    for (let i = 0; i < count; i++) list.push(i * 7 - 3)
    expect(list.length).toBe(count)
    for (let i = 0; i < count; i++) expect(list.get(i)).toBe(i * 7 - 3)
  })

  it('sets a number in place', () => {
    const list = new IntList()
    list.push(-1)
    list.push(5)
    list.set(0, 42)
    expect([list.get(0), list.get(1)]).toEqual([42, 5])
  })
})
