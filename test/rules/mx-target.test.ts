/** How an MX target written as an address is recognised (SPF501, SPF502). */
import { describe, expect, it } from 'vitest'
import { mxAddressTarget } from '../../src/rules/SPF501-mx-target-missing.js'

describe('mxAddressTarget', () => {
  it.each<[string, string | undefined]>([
    ['mx1.corp.example.', undefined],
    ['1mx.corp.example.', undefined],
    ['192.0.2.25.', '192.0.2.25'],
    ['192.0.2.25', '192.0.2.25'],
    // Without the final dot a zone file makes it a name under the zone.
    ['192.0.2.25.corp.example.', '192.0.2.25'],
    ['192.0.2.25.CORP.example.', '192.0.2.25'],
    ['192.0.2.25.other.example.', undefined],
    ['2001:db8::25', '2001:db8::25'],
    ['fe80::1.', 'fe80::1'],
    ['', undefined],
    ['.', undefined],
  ])('%j in corp.example: %j', (exchange, address) => {
    expect(mxAddressTarget(exchange, 'corp.example')).toBe(address)
  })
})
