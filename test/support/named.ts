/**
 * Start BIND `named` as an unprivileged authoritative server on a free loopback port, serving
 * zone files written from fixture data (named.conf with listen-on a loopback port, recursion off, no control channel).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixtureName, zoneOf } from './dns-fixture.js'
import type { Fixture, FixtureRecord } from './dns-fixture.js'
import type { QueryLogEntry } from './dns-server.js'

export const NAMED_BINARY = '/usr/sbin/named'
const SETPRIV = '/usr/bin/setpriv'

export function namedAvailable(): boolean {
  return existsSync(NAMED_BINARY)
}

export interface NamedServer {
  port: number
  address: string
  dir: string
  pid: number
  /** Queries named logged so far (its query log), after the log has settled. */
  queries(): Promise<QueryLogEntry[]>
  count(name: string, type?: string): Promise<number>
  close(): Promise<void>
}

/** Presentation form of one label: RFC 1035 §5.1 escapes for anything but letters, digits, - and _. */
function label(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9_-]/.test(c) ? c : `\\${byte.toString().padStart(3, '0')}`
  }
  return out
}

function absolute(name: string): string {
  return `${fixtureName(name).split('.').map(label).join('.')}.`
}

/** A quoted character-string with \DDD escapes for everything outside printable ASCII. */
function quoted(value: string | Buffer): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value
  let out = '"'
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte)
    else out += `\\${byte.toString().padStart(3, '0')}`
  }
  return `${out}"`
}

function rdata(record: FixtureRecord): string {
  switch (record.type) {
    case 'TXT':
      return record.strings.length ? `( ${record.strings.map(quoted).join('\n    ')} )` : '""'
    case 'MX':
      return `${record.preference} ${absolute(record.exchange)}`
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return absolute(record.value)
    default:
      return record.value
  }
}

/** Zone file text for each zone of the fixture. */
export function zoneFiles(fixture: Fixture): Map<string, string> {
  const files = new Map<string, string>()
  for (const zone of fixture.zones.map(fixtureName)) {
    const lines = [
      `$TTL 300`,
      `${absolute(zone)} IN SOA ns1.${absolute(zone)} hostmaster.${absolute(zone)} 1 3600 900 604800 300`,
      `${absolute(zone)} IN NS ns1.${absolute(zone)}`,
      `ns1.${absolute(zone)} IN A 127.0.0.1`,
    ]
    for (const record of fixture.records) {
      if (zoneOf(fixture.zones, record.name) !== zone) continue
      lines.push(`${absolute(record.name)} IN ${record.type} ${rdata(record)}`)
    }
    files.set(zone, `${lines.join('\n')}\n`)
  }
  return files
}

/** A port that is free for both UDP and TCP right now. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tcp = net.createServer()
    const port = await new Promise<number>((resolve, reject) => {
      tcp.once('error', reject)
      tcp.listen(0, '127.0.0.1', () => resolve((tcp.address() as net.AddressInfo).port))
    })
    await new Promise<void>((resolve) => tcp.close(() => resolve()))
    const udp = dgram.createSocket('udp4')
    const ok = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false))
      udp.bind(port, '127.0.0.1', () => resolve(true))
    })
    if (ok) {
      await new Promise<void>((resolve) => udp.close(() => resolve()))
      return port
    }
    udp.close()
  }
  throw new Error('no free loopback port')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Parse named's query log lines: `... query: NAME IN TYPE +T (127.0.0.1)`. */
function parseQueryLog(log: string): QueryLogEntry[] {
  const entries: QueryLogEntry[] = []
  for (const match of log.matchAll(/ query: (\S+) IN (\S+) (\S*)/g)) {
    entries.push({
      name: fixtureName(match[1] as string),
      type: match[2] as string,
      transport: (match[3] as string).includes('T') ? 'tcp' : 'udp',
      at: 0,
    })
  }
  return entries
}

export async function startNamed(fixture: Fixture): Promise<NamedServer> {
  if (!namedAvailable()) throw new Error(`${NAMED_BINARY} is not installed (apt-get install bind9)`)
  const dir = mkdtempSync(join(tmpdir(), 'spf-lint-named-'))
  const broken = new Set((fixture.brokenZones ?? []).map(fixtureName))
  const zoneStatements: string[] = []
  let index = 0
  for (const [zone, text] of zoneFiles(fixture)) {
    const file = `zone${index++}.db`
    // A zone file named cannot load makes it answer SERVFAIL for the whole zone.
    writeFileSync(join(dir, file), broken.has(zone) ? 'this is not a zone file\n' : text)
    zoneStatements.push(`zone "${zone}" { type primary; file "${file}"; };`)
  }

  for (let attempt = 0; ; attempt++) {
    const port = await freePort()
    writeFileSync(
      join(dir, 'named.conf'),
      `options {
    directory "${dir}";
    pid-file "${dir}/named.pid";
    session-keyfile "${dir}/session.key";
    managed-keys-directory "${dir}";
    listen-on port ${port} { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    allow-query { any; };
    dnssec-validation no;
    notify no;
    querylog yes;
    // BIND 9.18.28+ refuses more than 100 records of one type at a name by default; the
    // hostile fixtures need more.
    max-records-per-type 0;
};
controls { };
${zoneStatements.join('\n')}
`,
    )
    const logPath = join(dir, `named${attempt}.log`)
    writeFileSync(logPath, '')
    const child = launch(dir, logPath)
    const state = await waitForStart(child, logPath)
    if (state === 'running') return handle(child, dir, port, logPath)
    await stop(child)
    if (attempt >= 2) {
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`named did not start: ${readFileSync(logPath, 'utf8').slice(-2000)}`)
    }
  }
}

function launch(dir: string, logPath: string): ChildProcess {
  const args = ['-c', join(dir, 'named.conf'), '-g']
  const out = openSync(logPath, 'a')
  try {
    // As root, named must not keep root's privileges: drop to nobody as the recipe does. The
    // folder must then belong to nobody so named can write its pid and key files.
    if (process.getuid?.() === 0) {
      for (const entry of [dir, ...readdirSync(dir).map((f) => join(dir, f))]) {
        chownSync(entry, 65534, 65534)
      }
      chmodSync(dir, 0o755)
      return spawn(
        SETPRIV,
        ['--reuid=nobody', '--regid=nogroup', '--clear-groups', NAMED_BINARY, ...args],
        { stdio: ['ignore', out, out] },
      )
    }
    return spawn(NAMED_BINARY, args, { stdio: ['ignore', out, out] })
  } finally {
    closeSync(out)
  }
}

/** Wait (at most 10 s) until named logs "running", fails, or exits. */
async function waitForStart(child: ChildProcess, logPath: string): Promise<'running' | 'failed'> {
  let exited = false
  child.once('exit', () => (exited = true))
  const until = Date.now() + 10_000
  while (Date.now() < until) {
    const log = readFileSync(logPath, 'utf8')
    if (/running\s*$/m.test(log)) return 'running'
    if (exited || /exiting \(due to fatal error\)|could not listen|address in use/i.test(log)) {
      return 'failed'
    }
    await sleep(50)
  }
  return 'failed'
}

/** SIGTERM by pid, then SIGKILL if it has not exited within 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  if (child.pid) process.kill(child.pid, 'SIGTERM')
  const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])
  if (!killed && child.pid) {
    process.kill(child.pid, 'SIGKILL')
    await Promise.race([exited, sleep(2000)])
  }
}

function handle(child: ChildProcess, dir: string, port: number, logPath: string): NamedServer {
  /** named writes its log asynchronously: wait until it stops growing (at most 2 s). */
  async function settledLog(): Promise<string> {
    let last = readFileSync(logPath, 'utf8')
    const until = Date.now() + 2000
    while (Date.now() < until) {
      await sleep(60)
      const now = readFileSync(logPath, 'utf8')
      if (now.length === last.length) return now
      last = now
    }
    return last
  }
  return {
    port,
    address: `127.0.0.1:${port}`,
    dir,
    pid: child.pid ?? 0,
    async queries() {
      return parseQueryLog(await settledLog())
    },
    async count(name, type) {
      const n = fixtureName(name)
      const entries = parseQueryLog(await settledLog())
      return entries.filter((q) => q.name === n && (!type || q.type === type)).length
    },
    async close() {
      await stop(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
