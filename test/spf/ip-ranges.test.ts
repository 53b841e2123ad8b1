import { describe, expect, it } from 'vitest'
import { nonPublicRange, parseIp4, parseIp6 } from '../../src/spf/ip.js'

const classify = (text: string) => {
  if (text.includes(':')) {
    const g = parseIp6(text)
    if (!g) throw new Error(`not an IPv6 address: ${text}`)
    return nonPublicRange({ v: 6, g })
  }
  const n = parseIp4(text)
  if (n < 0) throw new Error(`not an IPv4 address: ${text}`)
  return nonPublicRange({ v: 4, n })
}

describe('special-purpose ranges (RFC 6890, RFC 4291, RFC 4193)', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['::ffff:192.168.1.1', 'private'],
  ])('%s is %s', (address, kind) => {
    expect(classify(address)).toBe(kind)
  })

  it.each([
    '172.15.255.255',
    '172.32.0.1',
    '192.0.2.1',
    '198.51.100.7',
    '100.128.0.1',
    '8.8.8.8',
    '2001:db8::1',
    '2a00:1450::1',
    'fec0::1',
    '::2',
    '::ffff:8.8.8.8',
  ])('%s is public (documentation ranges included: they are not private)', (address) => {
    expect(classify(address)).toBeUndefined()
  })
})
