import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  LockFileError,
  LockResolver,
  RecordingResolver,
  diffLock,
  makeLock,
  parseLock,
  readLock,
  serializeLock,
  toLockedAnswer,
  underZones,
  writeLock,
} from '../../src/dns/lock.js'
import type { LockNames } from '../../src/dns/lock.js'
import { normalizeName } from '../../src/dns/resolver.js'
import type { Answer, RRType, RecordTypes, Resolver } from '../../src/dns/resolver.js'
import { VERSION } from '../../src/version.js'

/** A resolver over fixed answers, with a chosen origin. */
class FixedResolver implements Resolver {
  constructor(private readonly answers: Record<string, Answer<unknown>>) {}
  async resolve<T extends RRType>(name: string, type: T): Promise<Answer<RecordTypes[T]>> {
    return (this.answers[`${type} ${normalizeName(name)}`] ?? { status: 'unknown' }) as Answer<
      RecordTypes[T]
    >
  }
}

const txt = (...strings: string[]) => ({ text: strings.join(''), strings })

const dir = mkdtempSync(join(tmpdir(), 'spf-lint-lock-unit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('toLockedAnswer', () => {
  it('keeps character-strings and sorts records canonically', () => {
    const a = toLockedAnswer('TXT', {
      status: 'ok',
      origin: 'live',
      records: [txt('v=spf1 ', '-all'), txt('google-site-verification=x')],
    })
    const b = toLockedAnswer('TXT', {
      status: 'ok',
      origin: 'live',
      records: [txt('google-site-verification=x'), txt('v=spf1 ', '-all')],
    })
    expect(a).toEqual(b)
    expect(a).toEqual({
      status: 'ok',
      records: [['google-site-verification=x'], ['v=spf1 ', '-all']],
    })
    expect(
      toLockedAnswer('MX', {
        status: 'ok',
        origin: 'live',
        records: [{ preference: 10, exchange: 'MX.Example.' }],
      }),
    ).toEqual({ status: 'ok', records: [{ exchange: 'mx.example', preference: 10 }] })
  })

  it('pins void answers and never errors or unknown', () => {
    expect(toLockedAnswer('A', { status: 'nxdomain', origin: 'live' })).toEqual({
      status: 'nxdomain',
    })
    expect(toLockedAnswer('A', { status: 'nodata', origin: 'live' })).toEqual({ status: 'nodata' })
    expect(toLockedAnswer('A', { status: 'error', error: 'x', origin: 'live' })).toBeUndefined()
    expect(toLockedAnswer('A', { status: 'unknown' })).toBeUndefined()
  })
})

describe('RecordingResolver', () => {
  it('records live answers outside the repository only', async () => {
    const inner = new FixedResolver({
      'TXT _spf.provider.example': { status: 'ok', origin: 'live', records: [txt('v=spf1 -all')] },
      'TXT corp.example': {
        status: 'ok',
        origin: 'live',
        records: [txt('v=spf1 include:_spf.provider.example -all')],
      },
      'TXT zone-origin.example': { status: 'ok', origin: 'zone', records: [txt('v=spf1 -all')] },
      'A down.example': { status: 'error', error: 'timed out', origin: 'live' },
      'A void.example': { status: 'nodata', origin: 'live' },
    })
    const recorder = new RecordingResolver(inner, underZones(['corp.example']))
    for (const [type, name] of [
      ['TXT', '_SPF.Provider.Example.'],
      ['TXT', 'corp.example'],
      ['TXT', 'zone-origin.example'],
      ['A', 'down.example'],
      ['A', 'void.example'],
      ['A', 'nowhere.example'],
    ] as const) {
      await recorder.resolve(name, type)
    }
    expect(recorder.recorded()).toEqual({
      '_spf.provider.example': { TXT: { status: 'ok', records: [['v=spf1 -all']] } },
      'void.example': { A: { status: 'nodata' } },
    })
  })

  it('underZones holds a zone apex and the names below it, not names that only end alike', () => {
    const repository = underZones(['corp.example', 'Other.Example.'])
    for (const name of [
      'corp.example',
      'mail.corp.example',
      'a.b.other.example',
      'OTHER.example.',
    ]) {
      expect(repository(name), name).toBe(true)
    }
    for (const name of ['xcorp.example', 'example', 'corp.example.net', '']) {
      expect(repository(name), name).toBe(false)
    }
  })
})

describe('lock files', () => {
  const names: LockNames = {
    'b.example': {
      TXT: { status: 'ok', records: [['v=spf1 ip4:192.0.2.1 -all']] },
      A: { status: 'nxdomain' },
    },
    'A.Example.': { MX: { status: 'ok', records: [{ preference: 5, exchange: 'mx.a.example' }] } },
  }

  it('serializes deterministically: sorted names, types and keys', () => {
    const now = new Date('2024-06-01T00:00:00Z')
    const one = serializeLock(makeLock(names, { now, toolVersion: '9.9.9' }))
    const reordered: LockNames = {
      'a.example': names['A.Example.'] ?? {},
      'b.example': { A: { status: 'nxdomain' }, TXT: names['b.example']?.TXT },
    }
    const two = serializeLock(makeLock(reordered, { now, toolVersion: '9.9.9' }))
    expect(one).toBe(two)
    expect(one.endsWith('\n')).toBe(true)
    const parsed = JSON.parse(one) as { names: Record<string, unknown> }
    expect(Object.keys(parsed.names)).toEqual(['a.example', 'b.example'])
    expect(Object.keys(parsed.names['b.example'] as object)).toEqual(['A', 'TXT'])
    expect(one.indexOf('"generated"')).toBeLessThan(one.indexOf('"lockVersion"'))
  })

  it('round-trips through writeLock and readLock with the tool version', async () => {
    const path = join(dir, 'round-trip.json')
    const { lock, written } = await writeLock(path, names)
    expect(written).toBe(true)
    expect(lock.tool).toEqual({ name: 'spf-lint', version: VERSION })
    const read = await readLock(path)
    expect(read).toEqual(lock)
    const resolver = new LockResolver(read ?? lock)
    expect(await resolver.resolve('B.EXAMPLE.', 'TXT')).toEqual({
      status: 'ok',
      origin: 'lock',
      records: [txt('v=spf1 ip4:192.0.2.1 -all')],
    })
    expect(await resolver.resolve('a.example', 'MX')).toEqual({
      status: 'ok',
      origin: 'lock',
      records: [{ preference: 5, exchange: 'mx.a.example' }],
    })
    expect(await resolver.resolve('b.example', 'A')).toEqual({ status: 'nxdomain', origin: 'lock' })
    expect(await resolver.resolve('b.example', 'AAAA')).toEqual({ status: 'unknown' })
    expect(await resolver.resolve('toString', 'TXT')).toEqual({ status: 'unknown' })
    expect(await readLock(join(dir, 'absent.json'))).toBeUndefined()
  })

  it.each([
    ['a directory', (path: string) => mkdirSync(path), /it is a directory/],
    [
      'a symbolic link',
      (path: string) => {
        writeFileSync(`${path}.target`, '{}')
        symlinkSync(`${path}.target`, path)
      },
      /it is a symbolic link/,
    ],
    [
      'a FIFO (read without waiting for a writer)',
      (path: string) => execFileSync('mkfifo', [path]),
      /not a regular file/,
    ],
  ])('refuses a lock file that is %s, with the reason', async (_what, make, reason) => {
    const path = join(dir, `odd-${Math.random().toString(36).slice(2)}.json`)
    make(path)
    await expect(readLock(path)).rejects.toThrow(reason)
  })

  it('leaves an unchanged lock file alone and rewrites a changed one', async () => {
    const path = join(dir, 'unchanged.json')
    await writeLock(path, names, { now: new Date('2024-01-01T00:00:00Z') })
    const before = readFileSync(path, 'utf8')
    expect((await writeLock(path, names)).written).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe(before)
    const changed = { ...names, 'c.example': { A: { status: 'nodata' as const } } }
    expect((await writeLock(path, changed)).written).toBe(true)
    expect(readFileSync(path, 'utf8')).toContain('c.example')
  })

  it.each([
    ['not JSON', '{', /not JSON/],
    ['wrong version', '{"lockVersion":2}', /lockVersion/],
    ['bad tool', '{"lockVersion":1,"tool":{"name":"x"}}', /tool/],
    [
      'bad time',
      '{"lockVersion":1,"tool":{"name":"spf-lint","version":"1"},"generated":"x","names":{}}',
      /generated/,
    ],
    [
      'bad type',
      '{"lockVersion":1,"tool":{"name":"spf-lint","version":"1"},"generated":"2024-01-01T00:00:00Z","names":{"a":{"NS":{"status":"nodata"}}}}',
      /unknown record type/,
    ],
    [
      'bad status',
      '{"lockVersion":1,"tool":{"name":"spf-lint","version":"1"},"generated":"2024-01-01T00:00:00Z","names":{"a":{"A":{"status":"error"}}}}',
      /status/,
    ],
    [
      'bad TXT',
      '{"lockVersion":1,"tool":{"name":"spf-lint","version":"1"},"generated":"2024-01-01T00:00:00Z","names":{"a":{"TXT":{"status":"ok","records":["v=spf1"]}}}}',
      /malformed TXT/,
    ],
  ])('rejects a lock with %s', (_what, text, message) => {
    expect(() => parseLock(text, 'x.json')).toThrow(LockFileError)
    expect(() => parseLock(text, 'x.json')).toThrow(message)
  })

  it('reports a broken file on read', async () => {
    const path = join(dir, 'broken.json')
    writeFileSync(path, '[]')
    await expect(readLock(path)).rejects.toThrow(/expected an object/)
  })
})

describe('diffLock', () => {
  const before: LockNames = {
    'spf.provider.example': {
      TXT: {
        status: 'ok',
        records: [
          ['v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.0/24 include:old.provider.example ~all'],
          ['verification=1'],
        ],
      },
    },
    'old.provider.example': {
      TXT: { status: 'ok', records: [['v=spf1 ip4:198.51.100.0/24 -all']] },
    },
    'mx.provider.example': { A: { status: 'ok', records: ['192.0.2.1'] } },
    'same.example': { TXT: { status: 'nodata' } },
  }
  const after: LockNames = {
    'spf.provider.example': {
      TXT: {
        status: 'ok',
        records: [['v=spf1 ip4:192.0.2.0/24 ip4:203.0.113.0/24 -all'], ['verification=2']],
      },
    },
    'mx.provider.example': {
      A: { status: 'ok', records: ['192.0.2.1', '192.0.2.2'] },
      AAAA: { status: 'nxdomain' },
    },
    'new.provider.example': { TXT: { status: 'ok', records: [['v=spf1 -all']] } },
    'same.example': { TXT: { status: 'nodata' } },
  }

  it('lists added, removed and changed names with term and text changes', () => {
    const diff = diffLock(makeLock(before), makeLock(after))
    expect(diff.map((d) => [d.name, d.change])).toEqual([
      ['mx.provider.example', 'changed'],
      ['new.provider.example', 'added'],
      ['old.provider.example', 'removed'],
      ['spf.provider.example', 'changed'],
    ])
    const spf = diff.find((d) => d.name === 'spf.provider.example')
    expect(spf?.types).toEqual([
      {
        type: 'TXT',
        before: {
          status: 'ok',
          records: [
            'v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.0/24 include:old.provider.example ~all',
            'verification=1',
          ],
        },
        after: {
          status: 'ok',
          records: ['v=spf1 ip4:192.0.2.0/24 ip4:203.0.113.0/24 -all', 'verification=2'],
        },
        // A term present twice before and once after was removed once (multiset difference).
        addedTerms: ['ip4:203.0.113.0/24', '-all'],
        removedTerms: ['ip4:192.0.2.0/24', 'include:old.provider.example', '~all'],
      },
    ])
    const mx = diff.find((d) => d.name === 'mx.provider.example')
    expect(mx?.types.map((t) => [t.type, t.before.status, t.after.status, t.addedTerms])).toEqual([
      ['A', 'ok', 'ok', ['192.0.2.2']],
      ['AAAA', 'absent', 'nxdomain', []],
    ])
    const removed = diff.find((d) => d.name === 'old.provider.example')
    expect(removed?.types[0]?.removedTerms).toEqual(['ip4:198.51.100.0/24', '-all'])
    expect(removed?.types[0]?.after).toEqual({ status: 'absent', records: [] })
  })

  it('is empty for identical locks, whatever the record order', () => {
    const shuffled: LockNames = {
      ...before,
      'spf.provider.example': {
        TXT: {
          status: 'ok',
          records: [
            ...(before['spf.provider.example']?.TXT as { records: string[][] }).records,
          ].reverse(),
        },
      },
    }
    expect(diffLock(makeLock(before), makeLock(shuffled))).toEqual([])
  })
})
