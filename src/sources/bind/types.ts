/**
 * RR type mnemonics and classes as BIND knows them (IANA registry; RFC 3597 §5 for `TYPEnnn`
 * and `CLASSnnn`). Lookups are case-insensitive, as in BIND.
 */
const TYPES = table(`
  A=1 NS=2 MD=3 MF=4 CNAME=5 SOA=6 MB=7 MG=8 MR=9 NULL=10 WKS=11 PTR=12 HINFO=13 MINFO=14
  MX=15 TXT=16 RP=17 AFSDB=18 X25=19 ISDN=20 RT=21 NSAP=22 NSAP-PTR=23 SIG=24 KEY=25 PX=26
  GPOS=27 AAAA=28 LOC=29 NXT=30 EID=31 NIMLOC=32 SRV=33 ATMA=34 NAPTR=35 KX=36 CERT=37
  A6=38 DNAME=39 SINK=40 APL=42 DS=43 SSHFP=44 IPSECKEY=45 RRSIG=46 NSEC=47 DNSKEY=48
  DHCID=49 NSEC3=50 NSEC3PARAM=51 TLSA=52 SMIMEA=53 HIP=55 NINFO=56 RKEY=57 TALINK=58
  CDS=59 CDNSKEY=60 OPENPGPKEY=61 CSYNC=62 ZONEMD=63 SVCB=64 HTTPS=65 SPF=99 NID=104
  L32=105 L64=106 LP=107 EUI48=108 EUI64=109 URI=256 CAA=257 AVC=258 DOA=259 AMTRELAY=260
  RESINFO=261 WALLET=262 TA=32768 DLV=32769
`)

/** Meta and query types by name: BIND refuses them in zone data. */
const META_TYPES = table(`
  OPT=41 TKEY=249 TSIG=250 IXFR=251 AXFR=252 MAILB=253 MAILA=254 ANY=255
`)

function table(spec: string): [string, number][] {
  return spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [name, code] = pair.split('=') as [string, string]
      return [name, Number(code)]
    })
}

const CODE_BY_MNEMONIC = new Map<string, number>()
const MNEMONIC_BY_CODE = new Map<number, string>()
for (const [name, code] of TYPES) {
  CODE_BY_MNEMONIC.set(name, code)
  MNEMONIC_BY_CODE.set(code, name)
}
const META = new Map<string, number>(META_TYPES)

/**
 * Mnemonics of up to 7 characters packed into a number, 7 bits per upper-cased character, so
 * the type of every entry is found without slicing and upper-casing its text.
 */
const CODE_BY_PACKED = new Map<number, number>()
for (const [name, code] of [...TYPES, ...META_TYPES]) {
  const packed = packMnemonic(name, 0, name.length)
  if (packed >= 0) CODE_BY_PACKED.set(packed, META.has(name) ? -2 : code)
}

/** `text[start, end)` packed (case-insensitive), or -1 when too long or not a mnemonic. */
function packMnemonic(text: string, start: number, end: number): number {
  if (end - start > 7) return -1
  let packed = 0
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    const upper = c >= 97 && c <= 122 ? c - 32 : c
    const valid = (upper >= 65 && upper <= 90) || (upper >= 48 && upper <= 57) || upper === 45
    if (!valid) return -1
    packed = packed * 128 + upper
  }
  return packed
}

/** The codes the reader treats specially (the table above has them all). */
export const TYPE_A = 1
export const TYPE_NS = 2
export const TYPE_SOA = 6
export const TYPE_TXT = 16
export const TYPE_AAAA = 28
export const TYPE_SRV = 33
export const TYPE_SPF = 99
export const CLASS_IN = 1

/** `typeCode(text.slice(start, end))`, without the slice for the common mnemonics. */
export function typeCodeAt(text: string, start: number, end: number): number {
  const known = CODE_BY_PACKED.get(packMnemonic(text, start, end))
  return known ?? typeCode(text.slice(start, end))
}

/** The type code of a mnemonic or `TYPEnnn`; -1 unknown, -2 a meta type. */
export function typeCode(token: string): number {
  const upper = token.toUpperCase()
  const known = CODE_BY_MNEMONIC.get(upper)
  if (known !== undefined) return known
  if (META.has(upper)) return -2
  if (upper.startsWith('TYPE')) {
    const code = decimal(upper, 4)
    if (code >= 0 && code <= 65535) return isMetaType(code) ? -2 : code
  }
  return -1
}

/** Type 0 and 128 to 255 are reserved for meta and query types (RFC 6895 §3.1); OPT is 41. */
function isMetaType(code: number): boolean {
  return code === 0 || code === 41 || (code >= 128 && code <= 255)
}

/** MD and MF: replaced by MX (RFC 1035 §3.3.4, §3.3.5); BIND refuses them in zone files. */
export function isObsoleteType(code: number): boolean {
  return code === 3 || code === 4
}

/** Whether the type has a mnemonic, and so a text form of its RDATA (else RFC 3597 only). */
export function hasMnemonic(code: number): boolean {
  return MNEMONIC_BY_CODE.has(code)
}

/** The name BIND prints for a type code: its mnemonic, else `TYPEnnn`. */
export function typeName(code: number): string {
  return MNEMONIC_BY_CODE.get(code) ?? `TYPE${code}`
}

const CLASSES = new Map<string, number>([
  ['IN', CLASS_IN],
  ['CH', 3],
  ['CHAOS', 3],
  ['HS', 4],
  ['HESIOD', 4],
  ['NONE', 254],
  ['ANY', 255],
])

/**
 * `classCode(text.slice(start, end))` without the slice: most tokens asked about are a TTL or a
 * type, and the class, when written, is nearly always `IN`.
 */
export function classCodeAt(text: string, start: number, end: number): number {
  const length = end - start
  const first = text.charCodeAt(start) | 32
  if (length === 2 && first === 105 /* i */ && (text.charCodeAt(start + 1) | 32) === 110 /* n */) {
    return CLASS_IN
  }
  // Every class mnemonic starts with one of a c h i n.
  if (first !== 97 && first !== 99 && first !== 104 && first !== 105 && first !== 110) return -1
  return classCode(text.slice(start, end))
}

/** The class code of a class token (`IN`, `CLASS1`, ...), or -1 if it is not one. */
export function classCode(token: string): number {
  const upper = token.toUpperCase()
  const known = CLASSES.get(upper)
  if (known !== undefined) return known
  if (upper.startsWith('CLASS')) {
    const code = decimal(upper, 5)
    if (code >= 0 && code <= 65535) return code
  }
  return -1
}

/** Parse a run of decimal digits from `at` to the end (1-5 digits), or -1. */
function decimal(text: string, at: number): number {
  if (at >= text.length || text.length - at > 5) return -1
  let value = 0
  for (let i = at; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}
