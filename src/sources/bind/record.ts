/**
 * Records as the master-file reader builds them. A zone can hold a million records, so each is
 * one compact object of eight fields: what records of one file and origin share is one
 * `RecordSource`, locations are kept as offsets and become `Location` objects only when asked
 * for, and the presentation form of RDATA is printed only when read.
 */
import type { SourceFormat, TxtData, ZoneRecord } from '../../model/record.js'
import type { Location, SourceFile } from '../../model/source.js'
import { rdataFromSource } from './rdata.js'
import { quoteString } from './txt.js'
import { typeCode } from './types.js'

/** What the records read from one file under one `$ORIGIN` have in common. */
export class RecordSource {
  constructor(
    /** The zone apex, lower-case, no trailing dot. */
    readonly zone: string,
    readonly file: SourceFile,
    /** The origin relative names in the RDATA were read against (absolute, canonical). */
    readonly origin: string,
  ) {}
}

export class BindRecord implements ZoneRecord {
  constructor(
    private readonly source: RecordSource,
    public name: string,
    public type: string,
    public ttl: number,
    /**
     * TXT and SPF: the strings. Otherwise the canonical RDATA, or the empty string until it is
     * first read and built from the source (`rdataFromSource`).
     */
    private data: TxtData | string,
    /** The entry starts here; it and its RDATA end at `rdataEnd`. */
    private readonly start: number,
    private readonly rdataStart: number,
    private readonly rdataEnd: number,
  ) {}

  get zone(): string {
    return this.source.zone
  }

  get format(): SourceFormat {
    return 'bind'
  }

  get rdataOrigin(): string {
    return this.source.origin
  }

  /** Set for TXT and SPF records only. */
  get txt(): TxtData | undefined {
    const data = this.data
    return typeof data === 'string' ? undefined : data
  }

  get rdata(): string {
    const data = this.data
    if (typeof data !== 'string') return presentTxt(data)
    if (data !== '') return data
    const { file, origin } = this.source
    const type = typeCode(this.type)
    return (this.data = rdataFromSource(type, file.text, this.rdataStart, this.rdataEnd, origin))
  }

  get location(): Location {
    return { file: this.source.file, start: this.start, end: this.rdataEnd }
  }

  get rdataLocation(): Location {
    return { file: this.source.file, start: this.rdataStart, end: this.rdataEnd }
  }
}

function presentTxt(txt: TxtData): string {
  let out = ''
  for (let i = 0; i < txt.strings.length; i++) {
    if (i > 0) out += ' '
    out += quoteString(txt.strings[i] as string)
  }
  return out
}
