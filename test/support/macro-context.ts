import type { MacroContext } from '../../src/spf/macro.js'

/** The RFC 7208 §7.4 example sender: strong-bad@email.example.com from 192.0.2.3. */
export const rfcExampleContext: MacroContext = {
  sender: 'strong-bad@email.example.com',
  localPart: 'strong-bad',
  senderDomain: 'email.example.com',
  domain: 'email.example.com',
  ipDotted: '192.0.2.3',
  ipReadable: '192.0.2.3',
  ipVersion: 'in-addr',
  helo: 'mx.example.org',
  receiver: 'mx.receiver.example',
  now: 1_700_000_000,
  validatedDomain: () => Promise.resolve('mx.example.org'),
}
