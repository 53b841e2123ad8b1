/**
 * Records as the master-file reader builds them. A zone can hold a million records, so each is
 * one compact object: locations are kept as offsets and become `Location` objects only when
 * asked for, and the presentation form of TXT RDATA is printed only when read.
 */
import type { SourceFormat, TxtData, ZoneRecord } from '../../model/record.js'
import type { Location, SourceFile } from '../../model/source.js'
import { quoteString } from './txt.js'

export class BindRecord implements ZoneRecord {
  /** Set for TXT and SPF records only. */
  txt: TxtData | undefined

  constructor(
    public zone: string,
    public name: string,
    public type: string,
    public ttl: number,
    /** Canonical RDATA; unused (empty) when `txt` is set. */
    private readonly canonical: string,
    txt: TxtData | undefined,
    private readonly file: SourceFile,
    private readonly start: number,
    private readonly end: number,
    private readonly rdataStart: number,
    private readonly rdataEnd: number,
  ) {
    this.txt = txt
  }

  get format(): SourceFormat {
    return 'bind'
  }

  get rdata(): string {
    const txt = this.txt
    if (txt === undefined) return this.canonical
    let out = ''
    for (let i = 0; i < txt.strings.length; i++) {
      if (i > 0) out += ' '
      out += quoteString(txt.strings[i] as string)
    }
    return out
  }

  get location(): Location {
    return { file: this.file, start: this.start, end: this.end }
  }

  get rdataLocation(): Location {
    return { file: this.file, start: this.rdataStart, end: this.rdataEnd }
  }
}
