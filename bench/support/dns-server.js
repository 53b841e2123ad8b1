/**
 * A minimal authoritative DNS server for the `live` benchmark: 127.0.0.1 only, UDP and TCP on
 * one port, a fixed delay before every answer (a stand-in for network round trips), and a log
 * of every question. The test suite has a richer server in TypeScript; the benchmark runs
 * compiled code only, so it carries this small one of its own rather than a build step.
 *
 * `startBenchDnsProcess` runs it in a child process, as a real server is: its own work (encoding
 * answers, timers) then neither delays the linter's event loop nor counts in the linter's time.
 *
 * Records: `{ name, type: 'TXT', strings }`, `{ name, type: 'A' | 'AAAA', value }`,
 * `{ name, type: 'MX', preference, exchange }`. Names under `zones` that have no records are
 * NXDOMAIN; a name with records but none of the asked type is "no data" (RCODE 0, empty).
 */
import { fork } from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import dnsPacket from 'dns-packet'

/** @typedef {{ name: string, type: string, strings?: string[], value?: string, preference?: number, exchange?: string }} BenchRecord */

const lower = (/** @type {string} */ n) => n.toLowerCase().replace(/\.$/, '')

/**
 * @param {{ zones: string[], records: BenchRecord[] }} data
 * @param {{ delayMs?: number }} [options]
 */
export async function startBenchDns(data, options = {}) {
  /** @type {Map<string, BenchRecord[]>} */
  const byName = new Map()
  for (const r of data.records) {
    const n = lower(r.name)
    byName.set(n, [...(byName.get(n) ?? []), r])
  }
  byName.set(WARM_UP_NAME, [WARM_UP_RECORD])
  const zones = [...data.zones.map(lower), WARM_UP_NAME]
  /** @type {{ name: string, type: string, transport: string, at: number, answeredAt: number }[]} */
  const log = []
  const delay = options.delayMs ?? 0

  /** @param {Buffer} message @param {'udp' | 'tcp'} transport */
  async function answer(message, transport) {
    const query = dnsPacket.decode(message)
    const q = query.questions?.[0]
    if (!q) return null
    const name = lower(q.name)
    const entry = { name, type: q.type, transport, at: performance.now(), answeredAt: 0 }
    if (name !== WARM_UP_NAME) log.push(entry)
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    entry.answeredAt = performance.now()
    const zone = zones.find((z) => name === z || name.endsWith(`.${z}`))
    const here = byName.get(name) ?? []
    const matching = here.filter((r) => r.type === q.type)
    // RCODE 5 REFUSED outside our zones, 3 NXDOMAIN for a name without records.
    const rcode = !zone ? 5 : here.length === 0 ? 3 : 0
    /** @type {import('dns-packet').Packet} */
    const reply = {
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | rcode,
      questions: [q],
      answers: matching.map((r) => toAnswer(name, r)),
    }
    // RFC 6891 §6.2.5: a client that sends EDNS0 accepts UDP answers up to its stated size.
    const opt = query.additionals?.find((a) => a.type === 'OPT')
    const limit =
      transport === 'tcp' ? 65535 : Math.max(512, /** @type {any} */ (opt)?.udpPayloadSize ?? 512)
    const wire = dnsPacket.encode(reply)
    if (wire.length <= limit) return wire
    return dnsPacket.encode({
      ...reply,
      answers: [],
      flags: /** @type {number} */ (reply.flags) | dnsPacket.TRUNCATED_RESPONSE,
    })
  }

  const { udp, tcp, port } = await bindBoth()
  udp.on('message', (message, remote) => {
    void answer(message, 'udp').then((wire) => wire && udp.send(wire, remote.port, remote.address))
  })
  await warmUp(port)
  tcp.on('connection', (socket) => {
    socket.on('error', () => socket.destroy())
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const message = pending.subarray(2, 2 + pending.readUInt16BE(0))
        pending = pending.subarray(2 + message.length)
        void answer(message, 'tcp').then((wire) => {
          if (!wire || socket.destroyed) return
          const prefix = Buffer.alloc(2)
          prefix.writeUInt16BE(wire.length)
          socket.write(Buffer.concat([prefix, wire]))
        })
      }
    })
  })
  return {
    address: `127.0.0.1:${port}`,
    log,
    close: () => {
      udp.close()
      tcp.close()
    },
  }
}

/** Asked by the server itself before it serves, and left out of the log. */
const WARM_UP_NAME = 'warm-up.bench.invalid'
/** @type {BenchRecord} */
const WARM_UP_RECORD = {
  name: WARM_UP_NAME,
  type: 'TXT',
  strings: ['v=spf1 ' + 'ip4:192.0.2.1 '.repeat(17), 'include:warm-up.example -all'],
}

/**
 * Before it serves, the server asks itself over UDP what the benchmark will ask, in a wave of one
 * query and then a wave of a hundred, and waits for the answers (they are left out of the log):
 * its own first-use compilation then does not show in the first answers as network delay.
 * @param {number} port
 */
async function warmUp(port) {
  const client = dgram.createSocket('udp4')
  await new Promise((resolve) => client.connect(port, '127.0.0.1', () => resolve(undefined)))
  const questions = [{ name: WARM_UP_NAME, type: /** @type {const} */ ('TXT') }]
  const additionals = [{ name: '.', type: /** @type {const} */ ('OPT'), udpPayloadSize: 1232 }]
  for (const wave of [1, 100]) {
    let left = wave
    const answered = new Promise((resolve) => {
      client.on('message', () => --left === 0 && resolve(undefined))
    })
    for (let id = 0; id < wave; id++) {
      client.send(dnsPacket.encode({ type: 'query', id, questions, additionals }))
    }
    await answered
    client.removeAllListeners('message')
  }
  client.close()
}

/**
 * UDP on a random port, then TCP on the same number, trying another port when that one is taken.
 * @returns {Promise<{ udp: dgram.Socket, tcp: net.Server, port: number }>}
 */
async function bindBoth() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4')
    await new Promise((resolve, reject) => {
      udp.once('error', reject)
      udp.bind(0, '127.0.0.1', () => resolve(undefined))
    })
    const port = udp.address().port
    const tcp = net.createServer()
    const ok = await new Promise((resolve) => {
      tcp.once('error', () => resolve(false))
      tcp.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (ok) return { udp, tcp, port }
    await new Promise((resolve) => udp.close(() => resolve(undefined)))
  }
  throw new Error('no free port with both UDP and TCP on 127.0.0.1')
}

/** @param {string} name @param {BenchRecord} r @returns {import('dns-packet').Answer} */
function toAnswer(name, r) {
  if (r.type === 'TXT') return { name, type: 'TXT', ttl: 300, data: r.strings ?? [] }
  if (r.type === 'MX') {
    const data = { preference: r.preference ?? 10, exchange: r.exchange ?? '' }
    return { name, type: 'MX', ttl: 300, data }
  }
  return /** @type {any} */ ({ name, type: r.type, ttl: 300, data: r.value })
}

/**
 * The same server in a child process. `stop()` ends it and hands back its log.
 * @param {{ zones: string[], records: BenchRecord[] }} data
 * @param {{ delayMs?: number }} [options]
 * @returns {Promise<{ address: string, stop: () => Promise<any[]> }>}
 */
export async function startBenchDnsProcess(data, options = {}) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: 'inherit' })
  const next = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve)
      child.once('exit', (code) => reject(new Error(`bench DNS server exited (${code})`)))
    })
  child.send({ data, options })
  const { address } = /** @type {{ address: string }} */ (await next())
  return {
    address,
    async stop() {
      const reply = next()
      child.send('stop')
      const { log } = /** @type {{ log: any[] }} */ (await reply)
      child.disconnect()
      return log
    },
  }
}

if (process.argv[2] === '--serve' && process.send) {
  const send = /** @type {(message: unknown) => void} */ (process.send.bind(process))
  process.once('message', async (/** @type {any} */ start) => {
    const server = await startBenchDns(start.data, start.options)
    process.on('message', (message) => {
      if (message !== 'stop') return
      server.close()
      send({ log: server.log })
    })
    send({ address: server.address })
  })
}
