/**
 * The DNS message format of the live resolver (src/dns/wire.ts), checked against dns-packet:
 * queries it encodes must decode there, replies it encodes must decode here, and hostile
 * replies must fail as malformed instead of looping or reading past the end.
 */
import * as dnsPacket from 'dns-packet'
import type { Answer as PacketAnswer, Packet } from 'dns-packet'
import { describe, expect, it } from 'vitest'
import {
  EDNS_UDP_SIZE,
  WireError,
  decodeReply,
  encodeQuery,
  formatIpv6,
  queryKey,
} from '../../src/dns/wire.js'
import type { TypeName } from '../../src/dns/wire.js'

function reply(
  name: string,
  type: TypeName,
  answers: PacketAnswer[],
  extra: Partial<Packet> = {},
): Buffer {
  return dnsPacket.encode({
    type: 'response',
    id: 7,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
    questions: [{ name, type: type as 'TXT', class: 'IN' }],
    answers,
    ...extra,
  })
}

/** A reply header (QR set, one question, one answer) followed by `rest`. */
function raw(rest: number[]): Buffer {
  return Buffer.from([0, 7, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...rest])
}

describe('encodeQuery', () => {
  it('asks one question with RD and an EDNS0 OPT record for 1232-octet UDP answers', () => {
    const query = dnsPacket.decode(encodeQuery(0x1234, '_spf.google.com', 'TXT', true))
    expect(query.id).toBe(0x1234)
    expect(query.flag_rd).toBe(true)
    expect(query.questions).toEqual([{ name: '_spf.google.com', type: 'TXT', class: 'IN' }])
    expect(query.additionals).toHaveLength(1)
    expect(query.additionals?.[0]).toMatchObject({ type: 'OPT', udpPayloadSize: EDNS_UDP_SIZE })
    expect(EDNS_UDP_SIZE).toBe(1232)
  })

  it('leaves the OPT record out on request (RFC 6891 §7 fallback)', () => {
    const query = dnsPacket.decode(encodeQuery(1, 'example.com', 'MX', false))
    expect(query.questions).toEqual([{ name: 'example.com', type: 'MX', class: 'IN' }])
    expect(query.additionals ?? []).toEqual([])
  })

  it('refuses names that cannot be put on the wire (RFC 1035 §2.3.4)', () => {
    for (const name of ['a..b', `${'x'.repeat(64)}.example`, `${'abcdefghi.'.repeat(26)}x`, '']) {
      expect(() => encodeQuery(1, name, 'TXT', true), name).toThrow(WireError)
    }
    expect(() => encodeQuery(1, `${'x'.repeat(63)}.example`, 'TXT', true)).not.toThrow()
  })

  it('writes non-ASCII labels as UTF-8 and keys them as the reply will', () => {
    const query = encodeQuery(9, 'über.example', 'TXT', true)
    expect(query.subarray(12, 18)).toEqual(Buffer.from([5, 0xc3, 0xbc, 0x62, 0x65, 0x72]))
    const answer = { name: 'über.example', type: 'TXT', data: ['x'] } as PacketAnswer
    const decoded = decodeReply(reply('über.example', 'TXT', [answer]), 'TXT', false)
    expect(decoded.question?.key).toBe(queryKey('über.example'))
    expect(queryKey('_SPF.Google.com')).toBe('_spf.google.com')
  })
})

describe('decodeReply', () => {
  it('keeps the records of the asked type at the name or along its CNAME chain, in any order', () => {
    const message = reply('alias.example', 'TXT', [
      { name: 'target.example', type: 'TXT', data: ['v=spf1 -all'] },
      { name: 'other.example', type: 'TXT', data: ['not ours'] },
      { name: 'middle.example', type: 'CNAME', data: 'target.example' },
      { name: 'alias.example', type: 'CNAME', data: 'middle.example' },
    ])
    const decoded = decodeReply(message, 'TXT', false)
    expect(decoded.rcode).toBe(0)
    expect(decoded.records).toEqual([{ type: 'TXT', strings: ['v=spf1 -all'] }])
    // Asked for the CNAME itself: only the one at the name.
    expect(decodeReply(message, 'CNAME', false).records).toEqual([
      { type: 'CNAME', value: 'middle.example' },
    ])
  })

  it('ends a CNAME loop', () => {
    const message = reply('a.example', 'TXT', [
      { name: 'a.example', type: 'CNAME', data: 'b.example' },
      { name: 'b.example', type: 'CNAME', data: 'a.example' },
    ])
    expect(decodeReply(message, 'TXT', false).records).toEqual([])
  })

  it('reads A, AAAA, MX, PTR and TXT data, TXT octets as latin1 characters', () => {
    const name = 'r.example'
    const cases: [TypeName, PacketAnswer, unknown][] = [
      ['A', { name, type: 'A', data: '192.0.2.1' }, { type: 'A', value: '192.0.2.1' }],
      ['AAAA', { name, type: 'AAAA', data: '2001:db8::1' }, { type: 'AAAA', value: '2001:db8::1' }],
      [
        'MX',
        { name, type: 'MX', data: { preference: 10, exchange: 'Mail.Example' } },
        { type: 'MX', preference: 10, exchange: 'mail.example' },
      ],
      ['PTR', { name, type: 'PTR', data: 'host.example' }, { type: 'PTR', value: 'host.example' }],
      [
        'TXT',
        { name, type: 'TXT', data: [Buffer.from([0x76, 0xe9, 0x00]), Buffer.alloc(0)] },
        { type: 'TXT', strings: ['v\u00e9\u0000', ''] },
      ],
    ]
    for (const [type, answer, expected] of cases) {
      expect(decodeReply(reply(name, type, [answer]), type, false).records).toEqual([expected])
    }
  })

  it('reads the RCODE, and whether the server sent an OPT record', () => {
    const nx = decodeReply(reply('x.example', 'TXT', [], { flags: 3 }), 'TXT', false)
    expect(nx.rcode).toBe(3)
    expect(nx.edns).toBe(false)
    const withOpt = reply('x.example', 'TXT', [], {
      additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 1232 } as PacketAnswer],
    })
    expect(decodeReply(withOpt, 'TXT', false).edns).toBe(true)
  })

  it('reads a truncated UDP reply no further than its question', () => {
    const whole = reply('big.example', 'TXT', [{ name: 'big.example', type: 'TXT', data: ['x'] }], {
      flags: dnsPacket.TRUNCATED_RESPONSE,
    })
    const cut = whole.subarray(0, whole.length - 3)
    const decoded = decodeReply(cut, 'TXT', false)
    expect(decoded.truncated).toBe(true)
    expect(decoded.records).toEqual([])
    expect(() => decodeReply(cut, 'TXT', true)).toThrow(WireError)
  })

  it('rejects pointers that do not point back, labels past the end and queries', () => {
    // The question name points at itself.
    expect(() => decodeReply(raw([0xc0, 12, 0, 16, 0, 1]), 'TXT', false)).toThrow(/point back/)
    // A label of 10 octets with 2 left.
    expect(() => decodeReply(raw([10, 0x61, 0x62]), 'TXT', false)).toThrow(/ends early/)
    // An answer RDATA longer than the message.
    const name = [1, 0x61, 0]
    const rr = [0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 40, 3, 0x61, 0x62, 0x63]
    expect(() => decodeReply(raw([...name, 0, 16, 0, 1, ...rr]), 'TXT', false)).toThrow(/early/)
    const query = encodeQuery(7, 'a', 'TXT', false)
    expect(() => decodeReply(query, 'TXT', false)).toThrow(/not a response/)
  })

  it('rejects a TXT string that runs past its record and an A record of the wrong size', () => {
    const name = [1, 0x61, 0]
    const txt = [0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 5, 0x61, 0x62]
    expect(() => decodeReply(raw([...name, 0, 16, 0, 1, ...txt]), 'TXT', false)).toThrow(
      /runs past/,
    )
    const a = [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 192, 0, 2]
    expect(() => decodeReply(raw([...name, 0, 1, 0, 1, ...a]), 'A', false)).toThrow(/size/)
  })
})

describe('formatIpv6 (RFC 5952)', () => {
  const bytes = (groups: number[]) => {
    const out = Buffer.alloc(16)
    groups.forEach((g, i) => out.writeUInt16BE(g, i * 2))
    return out
  }

  it.each<[number[], string]>([
    [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x25], '2001:db8::25'],
    [[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
    [[0, 0, 0, 0, 0, 0, 0, 0], '::'],
    [[0x2001, 0xdb8, 0, 1, 0, 0, 0, 1], '2001:db8:0:1::1'],
    [[0x2001, 0, 0, 1, 0, 0, 1, 1], '2001::1:0:0:1:1'],
    [[0x2001, 0xdb8, 1, 2, 3, 4, 5, 6], '2001:db8:1:2:3:4:5:6'],
    [[0x2001, 0xdb8, 0, 2, 3, 4, 5, 6], '2001:db8:0:2:3:4:5:6'],
    [[0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201], '::ffff:192.0.2.1'],
  ])('%j is %s', (groups, text) => {
    expect(formatIpv6(bytes(groups))).toBe(text)
  })
})
