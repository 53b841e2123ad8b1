/**
 * The live resolver's behaviour table against BIND `named` (run alone with
 * `npx vitest run test/dns/live-named.test.ts`). Outside CI the suite is skipped when named is
 * not installed; in CI (which installs bind9) a missing named fails the run.
 */
import { describe, expect, it } from 'vitest'
import { namedAvailable, startNamed, NAMED_BINARY } from '../support/named.js'
import { describeLiveBehaviour } from './live-cases.js'

const available = namedAvailable()

if (available) {
  describeLiveBehaviour({
    label: 'BIND named',
    // Without recursion, named answers a CNAME into another of its zones with the CNAME alone.
    followsCrossZoneCname: false,
    honoursEdns: true,
    async start(fixture) {
      const named = await startNamed(fixture)
      return {
        address: named.address,
        count: (name, type) => named.count(name, type),
        transports: async (name) =>
          (await named.queries()).filter((q) => q.name === name).map((q) => q.transport),
        close: () => named.close(),
      }
    },
  })
} else if (process.env.CI) {
  describe('live resolver against BIND named', () => {
    it('needs named in CI', () => {
      expect.fail(`${NAMED_BINARY} is missing; CI must install bind9`)
    })
  })
} else {
  describe.skip(`live resolver against BIND named (${NAMED_BINARY} not installed)`, () => {
    it('is skipped outside CI', () => {})
  })
}
