/**
 * What the live DNS tests serve and lint: the real provider trees (test/fixtures/dns), a
 * `provider.test` zone with one name per DNS behaviour, and what the repositories under
 * test/fixtures/live/ have "published".
 */
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'
import { main } from '../../src/cli.js'
import { providerFixture } from '../support/dns-data.js'
import { mergeFixtures, txt } from '../support/dns-fixture.js'
import type { Fixture, FixtureRecord } from '../support/dns-fixture.js'

export const LIVE_FIXTURES = fileURLToPath(new URL('../fixtures/live/', import.meta.url))

/** The Google tree of the provider fixture with one more include, as a provider might change it. */
export const GOOGLE_CHANGED =
  'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com include:_netblocks4.google.com ~all'

export function liveFixture(overrides: ReadonlyMap<string, string> = new Map()): Fixture {
  const records: FixtureRecord[] = [
    // Exists (a TXT record) but has no addresses: a "no data" void lookup, unlike gone.*.
    txt('nodata.provider.test', 'not an address'),
    { name: 'host.provider.test', type: 'A', value: '192.0.2.80' },
    txt('spf.provider.test', 'v=spf1 ip4:192.0.2.0/24 -all'),
    txt('servfail.provider.test', 'v=spf1 -all'),
    txt('silent.provider.test', 'v=spf1 -all'),
    txt('_netblocks4.google.com', 'v=spf1 ip4:198.51.100.0/24 ~all'),
    // What corp.example publishes: the apex drifted from the file, big only differs in case
    // and spacing, voids is not published at all.
    txt('corp.example', 'v=spf1 mx include:_spf.google.com ~all'),
    txt('big.corp.example', 'V=SPF1 Include:_spf.google.com  INCLUDE:microsoft.com -all'),
    txt(
      'twovoids.corp.example',
      'v=spf1 a:gone.provider.test a:nodata.provider.test a:host.provider.test -all',
    ),
    txt('shop.example', 'v=spf1 include:_spf.google.com include:spf.protection.outlook.com -all'),
    txt('news.shop.example', 'v=spf1 include:_spf.google.com ~all'),
  ]
  return mergeFixtures(providerFixture(overrides), {
    zones: ['provider.test', 'corp.example', 'shop.example'],
    records,
    behaviours: {
      'servfail.provider.test': { rcode: 'SERVFAIL' },
      'silent.provider.test': { drop: true },
    },
  })
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Run the CLI in-process, capturing what it writes. */
export async function runCli(argv: string[]): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const capture = (into: string[]) => (chunk: unknown) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString())
    return true
  }
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture(out))
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture(err))
  try {
    const code = await main(argv)
    return { code, stdout: out.join(''), stderr: err.join('') }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}
