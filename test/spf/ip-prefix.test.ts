import { describe, expect, it } from 'vitest'
import { MemoryResolver } from '../../src/dns/memory.js'
import { hostBits4, hostBits6, parseIp4, parseIp6, sameNet4 } from '../../src/spf/ip.js'

const v4 = (text: string) => parseIp4(text)
const v6 = (text: string) => parseIp6(text) as number[]

describe('IPv4 prefixes across the whole 32-bit range', () => {
  it.each([
    ['192.0.2.1', '192.0.2.200', 24, true],
    ['192.0.2.1', '192.0.3.1', 24, false],
    ['255.255.255.255', '255.255.255.254', 31, true],
    ['255.255.255.255', '255.255.255.254', 32, false],
    ['128.0.0.0', '0.0.0.0', 1, false],
    ['128.0.0.0', '255.0.0.0', 1, true],
    ['1.2.3.4', '200.2.3.4', 0, true],
    ['1.2.3.4', '1.2.3.4', 32, true],
  ] as const)('sameNet4(%s, %s, /%i) is %s', (a, b, prefix, same) => {
    expect(sameNet4(v4(a), v4(b), prefix)).toBe(same)
  })
})

describe('host bits below the prefix, IPv4 and IPv6', () => {
  const hostBits = (addr: string, prefix: number) =>
    addr.includes(':') ? hostBits6(v6(addr), prefix) : hostBits4(v4(addr), prefix)
  it.each([
    ['192.0.2.0', 24, false],
    ['192.0.2.1', 24, true],
    ['255.255.255.255', 32, false],
    ['255.255.255.254', 31, false],
    ['255.255.255.255', 31, true],
    ['128.0.0.0', 1, false],
    ['128.0.0.0', 0, true],
    ['0.0.0.0', 0, false],
    ['2001:db8::', 32, false],
    ['2001:db8::1', 64, true],
    ['2001:db8:8000::', 33, false],
    ['2001:db8:8000::', 32, true],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 128, false],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 127, true],
    ['8000::', 1, false],
    ['8000::', 0, true],
    ['::', 0, false],
  ] as const)('%s/%i has host bits set: %s', (addr, prefix, set) => {
    expect(hostBits(addr, prefix)).toBe(set)
  })
})

describe('MemoryResolver answers a repeated question the same way', () => {
  it('counts every query and gives equal answers, whatever the case of the name', () => {
    const resolver = new MemoryResolver({ 'example.com': [{ A: '192.0.2.1' }, 'TIMEOUT'] })
    const first = resolver.resolveSync('example.com', 'A')
    expect(resolver.resolveSync('Example.COM.', 'A')).toEqual(first)
    expect(resolver.resolveSync('example.com', 'A')).toEqual({
      status: 'ok',
      records: ['192.0.2.1'],
      origin: 'zone',
    })
    expect(resolver.resolveSync('example.com', 'TXT').status).toBe('error')
    expect(resolver.resolveSync('example.com', 'TXT').status).toBe('error')
    expect(resolver.resolveSync('nowhere.example', 'A').status).toBe('nxdomain')
    expect(resolver.queries).toBe(6)
  })
})
