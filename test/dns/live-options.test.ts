import { describe, expect, it } from 'vitest'
import { LiveResolver, invalidNameReason } from '../../src/dns/live.js'
import { parseServer } from '../../src/dns/servers.js'

const base = {
  servers: ['127.0.0.1:9'],
  timeoutMs: 100,
  tries: 1,
  concurrency: 1,
  maxQueries: 1,
  deadlineMs: 1000,
}

describe('parseServer', () => {
  it.each([
    ['1.1.1.1', '1.1.1.1'],
    [' 127.0.0.1:5353 ', '127.0.0.1:5353'],
    ['::1', '::1'],
    ['[::1]:53', '[::1]:53'],
    ['[2001:db8::1]', '2001:db8::1'],
  ])('accepts %j', (spec, expected) => {
    expect(parseServer(spec)).toBe(expected)
  })

  it.each(['dns.example', '1.1.1.1:0', '1.1.1.1:70000', '[1.1.1.1]:53', '', '1.1.1:53'])(
    'rejects %j',
    (spec) => {
      expect(() => parseServer(spec)).toThrow(/invalid DNS server/)
    },
  )
})

describe('invalidNameReason (RFC 1035 §2.3.4)', () => {
  it('accepts ordinary names and rejects empty labels and over-long names', () => {
    expect(invalidNameReason('_spf.google.com')).toBeUndefined()
    expect(invalidNameReason(`${'a'.repeat(63)}.example`)).toBeUndefined()
    expect(invalidNameReason(`${'a'.repeat(64)}.example`)).toMatch(/63/)
    expect(invalidNameReason(`${'abcdefghi.'.repeat(25)}example`)).toMatch(/253/)
    expect(invalidNameReason('a..b')).toMatch(/empty label/)
    expect(invalidNameReason('')).toMatch(/empty/)
  })
})

describe('LiveResolver options', () => {
  it.each(['timeoutMs', 'tries', 'concurrency', 'deadlineMs'] as const)('rejects %s < 1', (key) => {
    expect(() => new LiveResolver({ ...base, [key]: 0 })).toThrow(RangeError)
  })

  it('rejects a server that is not an IP address', () => {
    expect(() => new LiveResolver({ ...base, servers: ['resolver.example'] })).toThrow(
      /invalid DNS server/,
    )
  })

  it('with maxQueries 0 answers every query "query cap reached" without sending', async () => {
    const resolver = new LiveResolver({ ...base, maxQueries: 0 })
    const answer = await resolver.resolve('example.com', 'TXT')
    expect(answer).toMatchObject({ status: 'error', origin: 'live' })
    if (answer.status === 'error') expect(answer.error).toContain('query cap reached')
    expect(resolver.counters).toMatchObject({ queries: 0, errors: 1 })
  })

  it('answers "resolver closed" after close()', async () => {
    const resolver = new LiveResolver(base)
    resolver.close()
    const answer = await resolver.resolve('example.com', 'A')
    expect(answer.status).toBe('error')
    if (answer.status === 'error') expect(answer.error).toContain('resolver closed')
  })
})
