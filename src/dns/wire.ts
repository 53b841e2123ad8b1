/**
 * The DNS message format (RFC 1035 §4.1) as far as a stub resolver needs it: one question out,
 * the records of the asked type back. Queries carry an EDNS0 OPT record (RFC 6891) so that
 * answers up to EDNS_UDP_SIZE octets come back whole over UDP; without it every answer over 512
 * octets, common for large providers' SPF records, comes back truncated and costs a second round
 * trip over TCP (RFC 1035 §4.2.1, RFC 7766).
 *
 * Replies are hostile input: every read is bounds-checked, compression pointers may only point
 * backwards, and a malformed message throws WireError instead of yielding partial data.
 *
 * Written here rather than taken from `dns-packet` (which the tests' DNS server uses): it decodes
 * labels as UTF-8 and leaves a dot inside a label unescaped, so two different names can come out
 * as the same text. Matching a reply to its question (RFC 5452) and following CNAME chains need
 * the exact name, and findings must show odd bytes escaped (RFC 1035 §5.1), not replaced.
 */

/** RFC 1035 §3.2.2, RFC 3596, RFC 7208 §3.1. */
export const TYPE_CODES = {
  A: 1,
  CNAME: 5,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SPF: 99,
} as const

export type TypeName = keyof typeof TYPE_CODES

/** The payload size DNS Flag Day 2020 settled on: fits an IPv6 path without fragmentation. */
export const EDNS_UDP_SIZE = 1232

const CLASS_IN = 1
const TYPE_OPT = 41
const HEADER_SIZE = 12
const FLAG_QR = 0x8000
const FLAG_TC = 0x0200
const FLAG_RD = 0x0100
const MAX_NAME_OCTETS = 255

export class WireError extends Error {
  override name = 'WireError'
}

/** Record data, by type: A/AAAA in text form, TXT as its character-strings (latin1). */
export type RecordData =
  | { type: 'A' | 'AAAA' | 'CNAME' | 'PTR'; value: string }
  | { type: 'TXT'; strings: string[] }
  | { type: 'MX'; preference: number; exchange: string }

export interface Reply {
  id: number
  truncated: boolean
  rcode: number
  /** Whether the reply has an OPT record: the server speaks EDNS0. */
  edns: boolean
  /** The question echoed back (a lower-case comparison key), if any. */
  question?: { key: string; type: number }
  /** Records of the asked type owned by the name asked or the end of its CNAME chain. */
  records: RecordData[]
}

/** A query for `name` (a host name without the final dot) with a fresh random `id`. */
export function encodeQuery(id: number, name: string, type: TypeName, edns: boolean): Buffer {
  // Every octet returned is written below, so the pool's unzeroed memory is safe to use.
  const out = Buffer.allocUnsafe(HEADER_SIZE + MAX_NAME_OCTETS + 4 + 11)
  out.writeUInt16BE(id, 0)
  out.writeUInt16BE(FLAG_RD, 2)
  out.writeUInt16BE(1, 4) // QDCOUNT
  out.writeUInt32BE(0, 6) // ANCOUNT, NSCOUNT
  out.writeUInt16BE(edns ? 1 : 0, 10) // ARCOUNT
  let at = HEADER_SIZE
  for (const label of name.split('.')) {
    // A label of 64 characters or more cannot fit: written only when it could.
    const size = label.length < 64 ? out.write(label, at + 1, 63, 'utf8') : 0
    if (size === 0 || size !== Buffer.byteLength(label, 'utf8')) {
      throw new WireError(`cannot encode the name "${name}"`)
    }
    out[at] = size
    at += 1 + size
    if (at - HEADER_SIZE >= MAX_NAME_OCTETS) throw new WireError(`name too long: "${name}"`)
  }
  out[at++] = 0
  at = out.writeUInt16BE(TYPE_CODES[type], at)
  at = out.writeUInt16BE(CLASS_IN, at)
  if (edns) {
    // RFC 6891 §6.1.2: root owner, TYPE 41, CLASS = UDP payload size, TTL 0 (version 0, no DO).
    out[at++] = 0
    at = out.writeUInt16BE(TYPE_OPT, at)
    at = out.writeUInt16BE(EDNS_UDP_SIZE, at)
    at = out.writeUInt32BE(0, at) // extended RCODE, version 0, no flags
    at = out.writeUInt16BE(0, at) // RDLENGTH
  }
  return out.subarray(0, at)
}

/** The comparison key of `name` as a query encodes it (see Reader#readName). */
export function queryKey(name: string): string {
  // Printable ASCII without backslashes needs no escapes: the name is its own key.
  if (/^[\x21-\x5b\x5d-\x7e]*$/.test(name)) return name.toLowerCase()
  return name
    .split('.')
    .map((label) => labelText(Buffer.from(label, 'utf8')))
    .join('.')
    .toLowerCase()
}

/** Only the ID, for telling a garbled reply to our query from a stray datagram. */
export function replyId(message: Buffer): number | undefined {
  return message.length >= 2 ? message.readUInt16BE(0) : undefined
}

/**
 * Decode a reply to a query of type `type`; throws WireError when it is malformed. Over UDP a
 * truncated reply is read no further than its question: it is asked again over TCP.
 */
export function decodeReply(message: Buffer, type: TypeName, overTcp: boolean): Reply {
  const reader = new Reader(message)
  const id = reader.u16()
  const flags = reader.u16()
  if ((flags & FLAG_QR) === 0) throw new WireError('not a response')
  const qdcount = reader.u16()
  const ancount = reader.u16()
  const nscount = reader.u16()
  const arcount = reader.u16()
  let question: Reply['question']
  for (let i = 0; i < qdcount; i++) {
    const key = reader.name()
    const qtype = reader.u16()
    reader.u16() // QCLASS
    question ??= { key, type: qtype }
  }
  const reply: Reply = {
    id,
    truncated: (flags & FLAG_TC) !== 0,
    rcode: flags & 0x000f,
    edns: false,
    records: [],
  }
  if (question) reply.question = question
  // What follows may be cut anywhere.
  if (reply.truncated && !overTcp) return reply
  const answers: RawRecord[] = []
  for (let i = 0; i < ancount; i++) answers.push(reader.record())
  for (let i = 0; i < nscount + arcount; i++) {
    if (reader.record().type === TYPE_OPT) reply.edns = true
  }
  if (question) reply.records = matching(reader, answers, question.key, type)
  return reply
}

interface RawRecord {
  key: string
  type: number
  klass: number
  /** Offset and length of the RDATA in the message. */
  at: number
  length: number
}

/**
 * The answer records that answer the question: of the asked type, class IN, owned by the name
 * asked or by a name its CNAME chain leads to (RFC 1034 §3.6.2, §4.3.2 step 3a).
 */
function matching(reader: Reader, answers: RawRecord[], key: string, type: TypeName): RecordData[] {
  const code = TYPE_CODES[type]
  const owners = new Set([key])
  if (type !== 'CNAME') {
    const aliases = new Map<string, string[]>()
    for (const rr of answers) {
      if (rr.type !== TYPE_CODES.CNAME || rr.klass !== CLASS_IN) continue
      const targets = aliases.get(rr.key) ?? []
      targets.push(reader.nameAt(rr.at))
      aliases.set(rr.key, targets)
    }
    // Each owner is followed once, so a looping chain ends.
    for (const owner of owners) for (const target of aliases.get(owner) ?? []) owners.add(target)
  }
  return answers
    .filter((rr) => rr.type === code && rr.klass === CLASS_IN && owners.has(rr.key))
    .map((rr) => reader.data(rr, type))
}

/** A cursor over one message; every read checks the bounds. */
class Reader {
  private at = 0

  constructor(private readonly message: Buffer) {}

  u16(): number {
    this.need(this.at, 2)
    const value = this.message.readUInt16BE(this.at)
    this.at += 2
    return value
  }

  name(): string {
    const { key, end } = this.readName(this.at)
    this.at = end
    return key
  }

  nameAt(offset: number): string {
    return this.readName(offset).key
  }

  record(): RawRecord {
    const key = this.name()
    const type = this.u16()
    const klass = this.u16()
    this.need(this.at, 6)
    const length = this.message.readUInt16BE(this.at + 4) // after the 32-bit TTL
    const at = this.at + 6
    this.need(at, length)
    this.at = at + length
    return { key, type, klass, at, length }
  }

  data(rr: RawRecord, type: TypeName): RecordData {
    const { at, length } = rr
    switch (type) {
      case 'A':
        if (length !== 4) throw new WireError('A record of the wrong size')
        return { type, value: [...this.message.subarray(at, at + 4)].join('.') }
      case 'AAAA':
        if (length !== 16) throw new WireError('AAAA record of the wrong size')
        return { type, value: formatIpv6(this.message.subarray(at, at + 16)) }
      case 'MX': {
        if (length < 3) throw new WireError('MX record too short')
        const exchange = this.readName(at + 2)
        if (exchange.end !== at + length) throw new WireError('MX record of the wrong size')
        return { type, preference: this.message.readUInt16BE(at), exchange: exchange.key }
      }
      case 'CNAME':
      case 'PTR': {
        const target = this.readName(at)
        if (target.end !== at + length) throw new WireError(`${type} record of the wrong size`)
        return { type, value: target.key }
      }
      case 'TXT':
      case 'SPF':
        return { type: 'TXT', strings: this.strings(at, length) }
    }
  }

  /** RFC 1035 §3.3.14: <character-string>s filling the RDATA exactly. */
  private strings(at: number, length: number): string[] {
    const end = at + length
    const out: string[] = []
    let i = at
    while (i < end) {
      const size = this.message[i] as number
      if (i + 1 + size > end) throw new WireError('TXT string runs past its record')
      out.push(this.message.toString('latin1', i + 1, i + 1 + size))
      i += 1 + size
    }
    return out
  }

  /**
   * A possibly compressed name (RFC 1035 §4.1.4) as its comparison key: labels in presentation
   * form (§5.1 escapes) joined with dots, lower case (RFC 4343). Each pointer must point before
   * where the name, or the previous pointer's target, starts: a name cannot loop.
   */
  private readName(offset: number): { key: string; end: number } {
    const labels: string[] = []
    let i = offset
    let end: number | undefined
    let limit = offset
    let octets = 1
    for (;;) {
      this.need(i, 1)
      const size = this.message[i] as number
      if (size === 0) break
      if ((size & 0xc0) === 0xc0) {
        this.need(i, 2)
        const target = this.message.readUInt16BE(i) & 0x3fff
        if (target >= limit) throw new WireError('compression pointer does not point back')
        end ??= i + 2
        limit = target
        i = target
        continue
      }
      if ((size & 0xc0) !== 0) throw new WireError('unknown label type')
      this.need(i + 1, size)
      octets += 1 + size
      if (octets > MAX_NAME_OCTETS) throw new WireError('name longer than 255 octets')
      labels.push(labelText(this.message.subarray(i + 1, i + 1 + size)))
      i += 1 + size
    }
    return { key: labels.join('.').toLowerCase(), end: end ?? i + 1 }
  }

  private need(at: number, size: number): void {
    if (at + size > this.message.length) throw new WireError('message ends early')
  }
}

/** One label in presentation form: dots, backslashes and non-printing octets escaped. */
function labelText(label: Buffer): string {
  if (label.every((byte) => byte > 0x20 && byte < 0x7f && byte !== 0x2e && byte !== 0x5c)) {
    return label.toString('latin1')
  }
  let out = ''
  for (const byte of label) {
    if (byte === 0x2e || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`
    else if (byte > 0x20 && byte < 0x7f) out += String.fromCharCode(byte)
    else out += `\\${byte.toString().padStart(3, '0')}`
  }
  return out
}

/** RFC 5952 text form: lower case, the first longest run of zero groups as "::". */
export function formatIpv6(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2))
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${[...bytes.subarray(12, 16)].join('.')}` // RFC 5952 §5: IPv4-mapped
  }
  let best = { start: -1, length: 1 }
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > best.length) best = { start: i, length: j - i }
    i = j === i ? i + 1 : j
  }
  const hex = groups.map((g) => g.toString(16))
  if (best.start < 0) return hex.join(':')
  const head = hex.slice(0, best.start).join(':')
  const tail = hex.slice(best.start + best.length).join(':')
  return `${head}::${tail}`
}
