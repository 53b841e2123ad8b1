export const id = 537;
export const ids = [537];
export const modules = {

/***/ 5537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LiveResolver: () => (/* binding */ LiveResolver)
});

// UNUSED EXPORTS: invalidNameReason

// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(610);
;// CONCATENATED MODULE: ./src/dns/limit.ts
/**
 * A small concurrency limiter: at most `max` tasks run at once, the rest wait in arrival order.
 * Used to keep a run from flooding a resolver with hundreds of parallel queries.
 *
 * Tasks nobody waits on yet (prefetches) go in a second queue that only gets a slot no waiting
 * task wants, and never one of the last `max / 4`: a query a walk needs next, typically the child
 * of an answer just read, then finds a slot free at once instead of waiting a round trip for one
 * that a prefetch holds.
 */
class Limiter {
    max;
    running = 0;
    peak = 0;
    waiting = [];
    later = [];
    drainScheduled = false;
    /** Slots `runLater` tasks may fill; the rest are kept for `run` tasks. */
    laterMax;
    constructor(max) {
        this.max = max;
        if (!Number.isInteger(max) || max < 1)
            throw new RangeError(`concurrency must be >= 1: ${max}`);
        this.laterMax = max - Math.floor(max / 4);
    }
    /** Tasks running now. */
    get active() {
        return this.running;
    }
    /** Tasks waiting for a slot. */
    get pending() {
        return this.waiting.length + this.later.length;
    }
    /** The most tasks that ever ran at once. */
    get maxActive() {
        return this.peak;
    }
    run(task) {
        // A free slot starts the task now rather than a turn of the promise queue later.
        if (this.running < this.max) {
            this.begin();
            return this.hold(task);
        }
        return new Promise((resolve) => this.waiting.push(resolve)).then(() => this.hold(task));
    }
    /**
     * Run `task` once no `run` task is waiting. It takes a slot only at the end of a turn of the
     * event loop, so tasks queued in the same turn, typically the work that asked for the
     * prefetch, take the free slots first. `hurry()` moves it to the `run` queue, for when
     * someone starts waiting on its result.
     */
    runLater(task) {
        let start = () => { };
        const slot = new Promise((resolve) => (start = resolve));
        this.later.push(start);
        this.scheduleDrain();
        const hurry = () => {
            const at = this.later.indexOf(start);
            if (at < 0)
                return;
            this.later.splice(at, 1);
            if (this.running < this.max)
                this.begin(start);
            else
                this.waiting.push(start);
        };
        return { done: slot.then(() => this.hold(task)), hurry };
    }
    async hold(task) {
        try {
            return await task();
        }
        finally {
            this.release();
        }
    }
    /** Take a free slot (for `start`, when given). */
    begin(start) {
        this.running++;
        this.peak = Math.max(this.peak, this.running);
        start?.();
    }
    release() {
        // The slot passes straight to the next waiter, so `running` does not change.
        const next = this.waiting.shift();
        if (next)
            return next();
        this.running--;
        // Prefetches wait for the turn to end: the answers read in this turn may lead to queries
        // that someone waits on, and those should find the slot free.
        if (this.later.length > 0)
            this.scheduleDrain();
    }
    scheduleDrain() {
        if (this.drainScheduled)
            return;
        this.drainScheduled = true;
        setImmediate(() => {
            this.drainScheduled = false;
            while (this.running < this.laterMax && this.waiting.length === 0) {
                const next = this.later.shift();
                if (!next)
                    break;
                this.begin(next);
            }
        });
    }
}

// EXTERNAL MODULE: ./src/dns/resolver.ts
var resolver = __webpack_require__(1093);
// EXTERNAL MODULE: ./src/dns/servers.ts + 1 modules
var servers = __webpack_require__(6873);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:dgram"
var external_node_dgram_ = __webpack_require__(1314);
var external_node_dgram_default = /*#__PURE__*/__webpack_require__.n(external_node_dgram_);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ./src/dns/wire.ts
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
const TYPE_CODES = {
    A: 1,
    CNAME: 5,
    PTR: 12,
    MX: 15,
    TXT: 16,
    AAAA: 28,
    SPF: 99,
};
/** The payload size DNS Flag Day 2020 settled on: fits an IPv6 path without fragmentation. */
const EDNS_UDP_SIZE = 1232;
const CLASS_IN = 1;
const TYPE_OPT = 41;
const HEADER_SIZE = 12;
const FLAG_QR = 0x8000;
const FLAG_TC = 0x0200;
const FLAG_RD = 0x0100;
const MAX_NAME_OCTETS = 255;
class WireError extends Error {
    name = 'WireError';
}
/** A query for `name` (a host name without the final dot) with a fresh random `id`. */
function encodeQuery(id, name, type, edns) {
    // Every octet returned is written below, so the pool's unzeroed memory is safe to use.
    const out = Buffer.allocUnsafe(HEADER_SIZE + MAX_NAME_OCTETS + 4 + 11);
    out.writeUInt16BE(id, 0);
    out.writeUInt16BE(FLAG_RD, 2);
    out.writeUInt16BE(1, 4); // QDCOUNT
    out.writeUInt32BE(0, 6); // ANCOUNT, NSCOUNT
    out.writeUInt16BE(edns ? 1 : 0, 10); // ARCOUNT
    let at = HEADER_SIZE;
    for (const label of name.split('.')) {
        // A label of 64 characters or more cannot fit: written only when it could.
        const size = label.length < 64 ? out.write(label, at + 1, 63, 'utf8') : 0;
        if (size === 0 || size !== Buffer.byteLength(label, 'utf8')) {
            throw new WireError(`cannot encode the name "${name}"`);
        }
        out[at] = size;
        at += 1 + size;
        if (at - HEADER_SIZE >= MAX_NAME_OCTETS)
            throw new WireError(`name too long: "${name}"`);
    }
    out[at++] = 0;
    at = out.writeUInt16BE(TYPE_CODES[type], at);
    at = out.writeUInt16BE(CLASS_IN, at);
    if (edns) {
        // RFC 6891 §6.1.2: root owner, TYPE 41, CLASS = UDP payload size, TTL 0 (version 0, no DO).
        out[at++] = 0;
        at = out.writeUInt16BE(TYPE_OPT, at);
        at = out.writeUInt16BE(EDNS_UDP_SIZE, at);
        at = out.writeUInt32BE(0, at); // extended RCODE, version 0, no flags
        at = out.writeUInt16BE(0, at); // RDLENGTH
    }
    return out.subarray(0, at);
}
/** The comparison key of `name` as a query encodes it (see Reader#readName). */
function queryKey(name) {
    // Printable ASCII without backslashes needs no escapes: the name is its own key.
    if (/^[\x21-\x5b\x5d-\x7e]*$/.test(name))
        return name.toLowerCase();
    return name
        .split('.')
        .map((label) => labelText(Buffer.from(label, 'utf8')))
        .join('.')
        .toLowerCase();
}
/** Only the ID, for telling a garbled reply to our query from a stray datagram. */
function replyId(message) {
    return message.length >= 2 ? message.readUInt16BE(0) : undefined;
}
/**
 * Decode a reply to a query of type `type`; throws WireError when it is malformed. Over UDP a
 * truncated reply is read no further than its question: it is asked again over TCP.
 */
function decodeReply(message, type, overTcp) {
    const reader = new Reader(message);
    const id = reader.u16();
    const flags = reader.u16();
    if ((flags & FLAG_QR) === 0)
        throw new WireError('not a response');
    const qdcount = reader.u16();
    const ancount = reader.u16();
    const nscount = reader.u16();
    const arcount = reader.u16();
    let question;
    for (let i = 0; i < qdcount; i++) {
        const key = reader.name();
        const qtype = reader.u16();
        reader.u16(); // QCLASS
        question ??= { key, type: qtype };
    }
    const reply = {
        id,
        truncated: (flags & FLAG_TC) !== 0,
        rcode: flags & 0x000f,
        edns: false,
        records: [],
    };
    if (question)
        reply.question = question;
    // What follows may be cut anywhere.
    if (reply.truncated && !overTcp)
        return reply;
    const answers = [];
    for (let i = 0; i < ancount; i++)
        answers.push(reader.record());
    for (let i = 0; i < nscount + arcount; i++) {
        if (reader.record().type === TYPE_OPT)
            reply.edns = true;
    }
    if (question)
        reply.records = matching(reader, answers, question.key, type);
    return reply;
}
/**
 * The answer records that answer the question: of the asked type, class IN, owned by the name
 * asked or by a name its CNAME chain leads to (RFC 1034 §3.6.2, §4.3.2 step 3a).
 */
function matching(reader, answers, key, type) {
    const code = TYPE_CODES[type];
    const owners = new Set([key]);
    if (type !== 'CNAME') {
        const aliases = new Map();
        for (const rr of answers) {
            if (rr.type !== TYPE_CODES.CNAME || rr.klass !== CLASS_IN)
                continue;
            const targets = aliases.get(rr.key) ?? [];
            targets.push(reader.nameAt(rr.at));
            aliases.set(rr.key, targets);
        }
        // Each owner is followed once, so a looping chain ends.
        for (const owner of owners)
            for (const target of aliases.get(owner) ?? [])
                owners.add(target);
    }
    return answers
        .filter((rr) => rr.type === code && rr.klass === CLASS_IN && owners.has(rr.key))
        .map((rr) => reader.data(rr, type));
}
/** A cursor over one message; every read checks the bounds. */
class Reader {
    message;
    at = 0;
    constructor(message) {
        this.message = message;
    }
    u16() {
        this.need(this.at, 2);
        const value = this.message.readUInt16BE(this.at);
        this.at += 2;
        return value;
    }
    name() {
        const { key, end } = this.readName(this.at);
        this.at = end;
        return key;
    }
    nameAt(offset) {
        return this.readName(offset).key;
    }
    record() {
        const key = this.name();
        const type = this.u16();
        const klass = this.u16();
        this.need(this.at, 6);
        const length = this.message.readUInt16BE(this.at + 4); // after the 32-bit TTL
        const at = this.at + 6;
        this.need(at, length);
        this.at = at + length;
        return { key, type, klass, at, length };
    }
    data(rr, type) {
        const { at, length } = rr;
        switch (type) {
            case 'A':
                if (length !== 4)
                    throw new WireError('A record of the wrong size');
                return { type, value: [...this.message.subarray(at, at + 4)].join('.') };
            case 'AAAA':
                if (length !== 16)
                    throw new WireError('AAAA record of the wrong size');
                return { type, value: formatIpv6(this.message.subarray(at, at + 16)) };
            case 'MX': {
                if (length < 3)
                    throw new WireError('MX record too short');
                const exchange = this.readName(at + 2);
                if (exchange.end !== at + length)
                    throw new WireError('MX record of the wrong size');
                return { type, preference: this.message.readUInt16BE(at), exchange: exchange.key };
            }
            case 'CNAME':
            case 'PTR': {
                const target = this.readName(at);
                if (target.end !== at + length)
                    throw new WireError(`${type} record of the wrong size`);
                return { type, value: target.key };
            }
            case 'TXT':
            case 'SPF':
                return { type: 'TXT', strings: this.strings(at, length) };
        }
    }
    /** RFC 1035 §3.3.14: <character-string>s filling the RDATA exactly. */
    strings(at, length) {
        const end = at + length;
        const out = [];
        let i = at;
        while (i < end) {
            const size = this.message[i];
            if (i + 1 + size > end)
                throw new WireError('TXT string runs past its record');
            out.push(this.message.toString('latin1', i + 1, i + 1 + size));
            i += 1 + size;
        }
        return out;
    }
    /**
     * A possibly compressed name (RFC 1035 §4.1.4) as its comparison key: labels in presentation
     * form (§5.1 escapes) joined with dots, lower case (RFC 4343). Each pointer must point before
     * where the name, or the previous pointer's target, starts: a name cannot loop.
     */
    readName(offset) {
        const labels = [];
        let i = offset;
        let end;
        let limit = offset;
        let octets = 1;
        for (;;) {
            this.need(i, 1);
            const size = this.message[i];
            if (size === 0)
                break;
            if ((size & 0xc0) === 0xc0) {
                this.need(i, 2);
                const target = this.message.readUInt16BE(i) & 0x3fff;
                if (target >= limit)
                    throw new WireError('compression pointer does not point back');
                end ??= i + 2;
                limit = target;
                i = target;
                continue;
            }
            if ((size & 0xc0) !== 0)
                throw new WireError('unknown label type');
            this.need(i + 1, size);
            octets += 1 + size;
            if (octets > MAX_NAME_OCTETS)
                throw new WireError('name longer than 255 octets');
            labels.push(labelText(this.message.subarray(i + 1, i + 1 + size)));
            i += 1 + size;
        }
        return { key: labels.join('.').toLowerCase(), end: end ?? i + 1 };
    }
    need(at, size) {
        if (at + size > this.message.length)
            throw new WireError('message ends early');
    }
}
/** One label in presentation form: dots, backslashes and non-printing octets escaped. */
function labelText(label) {
    if (label.every((byte) => byte > 0x20 && byte < 0x7f && byte !== 0x2e && byte !== 0x5c)) {
        return label.toString('latin1');
    }
    let out = '';
    for (const byte of label) {
        if (byte === 0x2e || byte === 0x5c)
            out += `\\${String.fromCharCode(byte)}`;
        else if (byte > 0x20 && byte < 0x7f)
            out += String.fromCharCode(byte);
        else
            out += `\\${byte.toString().padStart(3, '0')}`;
    }
    return out;
}
/** RFC 5952 text form: lower case, the first longest run of zero groups as "::". */
function formatIpv6(bytes) {
    const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
    if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
        return `::ffff:${[...bytes.subarray(12, 16)].join('.')}`; // RFC 5952 §5: IPv4-mapped
    }
    let best = { start: -1, length: 1 };
    for (let i = 0; i < 8;) {
        let j = i;
        while (j < 8 && groups[j] === 0)
            j++;
        if (j - i > best.length)
            best = { start: i, length: j - i };
        i = j === i ? i + 1 : j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best.start < 0)
        return hex.join(':');
    const head = hex.slice(0, best.start).join(':');
    const tail = hex.slice(best.start + best.length).join(':');
    return `${head}::${tail}`;
}

;// CONCATENATED MODULE: ./src/dns/transport.ts
/**
 * Questions to the configured servers: over UDP with EDNS0 (RFC 6891), over TCP when the UDP
 * answer still comes back truncated (RFC 7766 §5), on to the next server after a timeout or a
 * socket error. Node's c-ares resolver sends no EDNS0, so each answer over 512 octets cost it a
 * second round trip.
 *
 * One connected UDP socket per server serves every query, as in c-ares: opening a socket per
 * query costs more than the query. A reply counts only when it comes from the server asked and
 * echoes a random ID of ours and the question (RFC 5452 §4); anything else is ignored.
 */




/** A failed exchange, with the c-ares style code LiveResolver reports. */
class DnsError extends Error {
    code;
    name = 'DnsError';
    constructor(code, message = code) {
        super(message);
        this.code = code;
    }
}
const RCODE_FORMERR = 1;
class Transport {
    options;
    channels = new Map();
    /** Servers that answered FORMERR to EDNS0: asked without it from then on. */
    plain = new Set();
    /** How to abandon each pending wait, for close(). */
    cancels = new Set();
    constructor(options) {
        this.options = options;
        // Connecting takes a few turns of the event loop: done now, the first queries of a run
        // leave at once instead of after the burst of work that asked for them.
        for (const server of options.servers)
            this.channel(server);
    }
    /**
     * Ask `name`/`type` until a server answers, within tries × timeoutMs in all. Resolves with
     * any reply (its RCODE is the caller's to read); rejects with DnsError when none answered.
     */
    async exchange(name, type) {
        const { servers, timeoutMs, tries } = this.options;
        const until = Date.now() + timeoutMs * tries;
        let failure;
        for (let attempt = 0; attempt < tries && Date.now() < until; attempt++) {
            const server = servers[attempt % servers.length];
            try {
                const edns = !this.plain.has(server);
                const reply = await this.ask(server, name, type, edns, until);
                // RFC 6891 §7: a server that does not know EDNS0 answers FORMERR without an OPT record.
                if (!edns || reply.rcode !== RCODE_FORMERR || reply.edns)
                    return reply;
                this.plain.add(server);
                return await this.ask(server, name, type, false, until);
            }
            catch (error) {
                if (!(error instanceof DnsError) || error.code === 'ECANCELLED')
                    throw error;
                failure = error;
            }
        }
        throw failure ?? new DnsError('ETIMEOUT');
    }
    /**
     * Resolves once every server's socket has connected or failed. Connecting finishes on a later
     * turn of the event loop; a caller about to ask many queries at once awaits this first, so
     * that each query leaves as it is asked rather than all together once the burst of work ends.
     */
    async connected() {
        await Promise.all([...this.channels.values()].map((channel) => channel.settled));
    }
    /** Abandon every pending wait (ECANCELLED) and close the sockets. */
    close() {
        for (const cancel of [...this.cancels])
            cancel();
        for (const channel of this.channels.values())
            channel.close();
        this.channels.clear();
    }
    /** One try at one server: UDP, then TCP if the UDP answer was truncated. */
    async ask(server, name, type, edns, until) {
        const wait = () => Math.max(1, Math.min(this.options.timeoutMs, until - Date.now()));
        const channel = this.channel(server);
        const expected = { id: channel.freeId(), type, key: queryKey(name) };
        const query = encodeQuery(expected.id, name, type, edns);
        const reply = await this.bounded(wait(), (settle) => channel.send(query, expected.id, (message) => {
            const reply = accept(message, expected, false);
            if (reply)
                settle(reply);
        }, settle));
        if (!reply.truncated)
            return reply;
        return this.bounded(wait(), (settle) => overTcp(server, query, expected, settle));
    }
    channel(server) {
        let channel = this.channels.get(server);
        if (!channel || channel.closed) {
            channel = new UdpChannel(server);
            this.channels.set(server, channel);
        }
        return channel;
    }
    /**
     * A wait that settles exactly once: with what `open` passes to `settle`, ETIMEOUT after
     * `timeoutMs`, or ECANCELLED on close(). `open` starts the work and returns how to release
     * what it holds, which runs whichever way the wait ends.
     */
    bounded(timeoutMs, open) {
        return new Promise((resolve, reject) => {
            let release = () => { };
            let settled = false;
            const settle = (outcome) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                this.cancels.delete(cancel);
                release();
                if (outcome instanceof DnsError)
                    reject(outcome);
                else
                    resolve(outcome);
            };
            const cancel = () => settle(new DnsError('ECANCELLED'));
            const timer = setTimeout(() => settle(new DnsError('ETIMEOUT')), timeoutMs);
            this.cancels.add(cancel);
            const held = open(settle);
            // `open` may settle at once, before `release` is set.
            if (settled)
                held();
            else
                release = held;
        });
    }
}
/**
 * The UDP socket to one server, connected so that it hears only that server and gets the ICMP
 * errors for it (ECONNREFUSED: nothing listens there). Replies go to the query with their ID.
 */
class UdpChannel {
    closed = false;
    connected = false;
    socket;
    ready;
    /** Resolves when the socket has connected, failed or closed. */
    settled;
    waiting = new Map();
    constructor(server) {
        this.socket = external_node_dgram_default().createSocket(server.family === 6 ? 'udp6' : 'udp4');
        // Pending queries keep the process alive through their timers; an idle socket must not.
        this.socket.unref();
        this.socket.on('message', (message) => {
            const id = replyId(message);
            if (id !== undefined)
                this.waiting.get(id)?.onReply(message);
        });
        this.socket.on('error', (error) => this.fail(socketError(error)));
        this.ready = new Promise((resolve) => {
            this.socket.connect(server.port, server.host, () => {
                this.connected = true;
                resolve();
            });
        });
        const ended = new Promise((resolve) => this.socket.once('close', () => resolve()));
        this.settled = Promise.race([this.ready, ended]);
    }
    /** A random ID no pending query of this socket uses. */
    freeId() {
        for (;;) {
            const id = randomId();
            if (!this.waiting.has(id))
                return id;
        }
    }
    /** Send `query`; returns how to stop listening for its reply. */
    send(query, id, onReply, onError) {
        this.waiting.set(id, { onReply, onError });
        // No callback: a failed send comes as the socket's 'error' and ends its queries.
        const write = () => {
            if (!this.closed && this.waiting.has(id))
                this.socket.send(query);
        };
        // Once connected, at once: a promise callback would queue behind every other in the run.
        if (this.connected)
            write();
        else
            void this.ready.then(write);
        return () => this.waiting.delete(id);
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.socket.close();
    }
    /** A socket error ends every query on it; the next query opens a new socket. */
    fail(error) {
        this.close();
        for (const { onError } of [...this.waiting.values()])
            onError(error);
    }
}
/** Query IDs from the system's CSPRNG, drawn in batches: one call per query costs more. */
const ids = new Uint16Array(256);
let idsLeft = 0;
function randomId() {
    if (idsLeft === 0) {
        (0,external_node_crypto_.randomFillSync)(ids);
        idsLeft = ids.length;
    }
    return ids[--idsLeft];
}
/** RFC 1035 §4.2.2: each message on the connection has a two-octet length prefix. */
function overTcp(server, query, expected, settle) {
    const socket = external_node_net_default().connect({ host: server.host, port: server.port });
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(query.length);
    let pending = Buffer.alloc(0);
    socket.on('connect', () => socket.write(Buffer.concat([prefix, query])));
    socket.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
            const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
            pending = pending.subarray(2 + message.length);
            const reply = accept(message, expected, true);
            if (reply)
                return settle(reply);
        }
    });
    socket.on('error', (error) => settle(socketError(error)));
    socket.on('close', () => settle(new DnsError('EBADRESP', 'connection closed before a reply')));
    return () => socket.destroy();
}
/** Our reply, a malformed one (as an error), or undefined for anything not answering us. */
function accept(message, expected, overTcp) {
    if (replyId(message) !== expected.id)
        return undefined;
    let reply;
    try {
        reply = decodeReply(message, expected.type, overTcp);
    }
    catch (error) {
        if (!(error instanceof WireError))
            throw error;
        return new DnsError('EBADRESP', `malformed reply: ${error.message}`);
    }
    const question = reply.question;
    const echoes = question
        ? question.key === expected.key && question.type === TYPE_CODES[expected.type]
        : reply.rcode !== 0; // some servers leave the question out of an error reply
    return echoes ? reply : undefined;
}
function socketError(error) {
    const code = error.code;
    return new DnsError(typeof code === 'string' ? code : 'EBADRESP', error.message);
}

;// CONCATENATED MODULE: ./src/dns/live.ts
/**
 * Live DNS through a stub resolver of our own (transport.ts): UDP with EDNS0, TCP when an answer
 * still comes back truncated (RFC 6891, RFC 7766). Built for a lint run that may walk hundreds of
 * include trees, so it bounds everything a hostile or broken DNS can make unbounded: per-query
 * time, the whole run's time, parallel queries and the total number of queries.
 */





/** Readable reasons for the error codes of transport.ts (c-ares' names) and of sockets. */
const REASONS = {
    ETIMEOUT: 'timed out',
    ESERVFAIL: 'server failure (SERVFAIL)',
    EREFUSED: 'query refused (REFUSED)',
    ECONNREFUSED: 'connection refused by the server',
    ECONNRESET: 'connection reset by the server',
    EFORMERR: 'server rejected the query as malformed (FORMERR)',
    ENOTIMP: 'server does not implement the query (NOTIMP)',
    EBADRESP: 'malformed reply',
    ECANCELLED: 'query cancelled',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
};
/** RCODEs other than NOERROR and NXDOMAIN (RFC 1035 §4.1.1), as error codes. */
const RCODE_ERRORS = {
    1: 'EFORMERR',
    2: 'ESERVFAIL',
    4: 'ENOTIMP',
    5: 'EREFUSED',
};
/**
 * Why a name cannot be put in a query, or undefined. RFC 1035 §2.3.4: labels up to 63 octets,
 * names up to 255 octets on the wire (253 in text without the final dot).
 */
function invalidNameReason(name) {
    if (name.length === 0)
        return 'empty name';
    const octets = Buffer.byteLength(name, 'utf8');
    if (octets > 253)
        return 'name longer than 253 octets';
    // All ASCII (the usual case): a label's length in characters is its length in octets.
    const size = octets === name.length ? (l) => l.length : Buffer.byteLength;
    for (const label of name.split('.')) {
        if (label.length === 0)
            return 'empty label';
        if (size(label) > 63)
            return 'label longer than 63 octets';
    }
    return undefined;
}
class LiveResolver {
    options;
    servers;
    transport;
    limiter;
    cache = new Map();
    /** How to end each query still waiting or running, for the run's deadline. */
    pending = new Set();
    deadlineTimer;
    /** Prefetches still waiting for a slot, by cache key: how to move them up the queue. */
    queued = new Map();
    deadlineAt;
    admitted = 0;
    closed = false;
    stats = {
        queries: 0,
        cacheHits: 0,
        errors: 0,
        unsupported: 0,
        inFlight: 0,
        maxInFlight: 0,
    };
    constructor(options) {
        this.options = options;
        for (const key of ['timeoutMs', 'tries', 'concurrency', 'maxQueries', 'deadlineMs']) {
            const value = options[key];
            if (!Number.isFinite(value) || value < (key === 'maxQueries' ? 0 : 1)) {
                throw new RangeError(`LiveResolver: invalid ${key}: ${value}`);
            }
        }
        // The system's servers as Node read them from the resolver configuration at start-up.
        const specs = options.servers.length > 0 ? options.servers : (0,external_node_dns_.getServers)();
        this.servers = specs.map(servers/* toServer */.zQ);
        this.transport = new Transport({
            servers: this.servers,
            timeoutMs: options.timeoutMs,
            tries: Math.round(options.tries),
        });
        this.limiter = new Limiter(Math.round(options.concurrency));
        this.deadlineAt = Date.now() + options.deadlineMs;
    }
    /** A snapshot of the counters, for reports and benchmarks. */
    get counters() {
        return { ...this.stats };
    }
    resolve(name, type) {
        return this.answer(name, type, false);
    }
    /**
     * Ask now for an answer needed later: the query waits for a slot no `resolve` caller wants,
     * and a `resolve` of the same (name, type) shares it (and moves it up if it still waits).
     */
    prefetch(name, type) {
        void this.answer(name, type, true);
    }
    /** Resolves once the sockets to the servers are connected (or failed): see Transport. */
    connected() {
        return this.transport.connected();
    }
    /** Abandon every outstanding query (they answer `error`) and refuse new ones. */
    close() {
        this.closed = true;
        clearTimeout(this.deadlineTimer);
        this.transport.close();
    }
    answer(name, type, later) {
        const normal = (0,resolver/* normalizeName */.Pc)(name);
        const key = `${type} ${normal}`;
        const known = this.cache.get(key);
        if (known) {
            if (!later) {
                this.stats.cacheHits++;
                this.queued.get(key)?.();
            }
            return known;
        }
        const answer = this.lookup(normal, type, later ? key : undefined).then((a) => {
            if (a.status === 'error')
                this.stats.errors++;
            return a;
        });
        this.cache.set(key, answer);
        return answer;
    }
    /** `prefetchKey`: set for a prefetch, which queues behind the queries callers wait on. */
    async lookup(name, type, prefetchKey) {
        // Receivers only use TXT (RFC 7208 §3.1, §14.1), so type 99 is answered as absent without a
        // query: that changes no SPF result and saves a round trip per name.
        if (type === 'SPF') {
            this.stats.unsupported++;
            return { status: 'nodata', origin: 'live' };
        }
        const invalid = invalidNameReason(name);
        if (invalid)
            return this.fail(name, type, invalid);
        if (this.closed)
            return this.fail(name, type, 'resolver closed');
        if (Date.now() >= this.deadlineAt)
            return this.deadlineFail(name, type);
        if (this.admitted >= this.options.maxQueries) {
            return this.fail(name, type, `query cap reached (${this.options.maxQueries} queries)`);
        }
        this.admitted++;
        if (this.servers.length === 0)
            return this.fail(name, type, 'no DNS servers configured');
        if (prefetchKey === undefined) {
            return this.withDeadline(name, type, this.limiter.run(() => this.send(name, type)));
        }
        const { done, hurry } = this.limiter.runLater(() => {
            this.queued.delete(prefetchKey);
            return this.send(name, type);
        });
        this.queued.set(prefetchKey, hurry);
        return this.withDeadline(name, type, done);
    }
    /** One query on the wire, inside a limiter slot. */
    async send(name, type) {
        if (this.closed)
            return this.fail(name, type, 'resolver closed');
        if (Date.now() >= this.deadlineAt)
            return this.deadlineFail(name, type);
        this.stats.queries++;
        this.stats.inFlight++;
        this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
        this.options.onQuery?.(name, type);
        try {
            return this.toAnswer(name, type, await this.transport.exchange(name, type));
        }
        catch (error) {
            return this.mapError(name, type, error);
        }
        finally {
            this.stats.inFlight--;
        }
    }
    toAnswer(name, type, reply) {
        if (reply.rcode === 3)
            return { status: 'nxdomain', origin: 'live' };
        if (reply.rcode !== 0) {
            const code = RCODE_ERRORS[reply.rcode];
            return code
                ? this.codeFail(name, type, code)
                : this.fail(name, type, `the server answered RCODE ${reply.rcode}`);
        }
        if (reply.records.length === 0)
            return { status: 'nodata', origin: 'live' };
        return { status: 'ok', records: reply.records.map(toRecord), origin: 'live' };
    }
    mapError(name, type, error) {
        const code = error?.code;
        if (typeof code === 'string')
            return this.codeFail(name, type, code);
        return this.fail(name, type, error instanceof Error ? error.message : String(error));
    }
    codeFail(name, type, code) {
        if (code === 'ECANCELLED' && Date.now() >= this.deadlineAt)
            return this.deadlineFail(name, type);
        const reason = REASONS[code];
        return this.fail(name, type, reason ? `${reason} (${code})` : code);
    }
    /** Answer `error` once the run's deadline passes, even while the query waits or runs. */
    withDeadline(name, type, work) {
        return new Promise((resolve, reject) => {
            const expire = () => resolve(this.deadlineFail(name, type));
            this.pending.add(expire);
            this.armDeadline();
            work.then(resolve, reject).finally(() => this.pending.delete(expire));
        });
    }
    /** One timer for the run rather than one per query: timers of distinct lengths cost. */
    armDeadline() {
        if (this.deadlineTimer)
            return;
        this.deadlineTimer = setTimeout(() => {
            for (const expire of [...this.pending])
                expire();
        }, Math.max(0, this.deadlineAt - Date.now()));
        // Waiting must not keep the process alive: queries on the wire have timers of their own.
        this.deadlineTimer.unref();
    }
    deadlineFail(name, type) {
        return this.fail(name, type, `deadline exceeded (${this.options.deadlineMs} ms for the run)`);
    }
    fail(name, type, reason) {
        return {
            status: 'error',
            error: `${type} lookup of "${printable(name)}" failed: ${printable(reason)}`,
            origin: 'live',
        };
    }
}
/** Record data in the resolver contract's shapes; TXT strings joined (RFC 7208 §3.3). */
function toRecord(data) {
    switch (data.type) {
        case 'TXT':
            return { text: data.strings.join(''), strings: data.strings };
        case 'MX':
            return {
                preference: data.preference,
                exchange: (0,resolver/* normalizeName */.Pc)(data.exchange),
            };
        case 'CNAME':
        case 'PTR':
            return (0,resolver/* normalizeName */.Pc)(data.value);
        default:
            return data.value;
    }
}
/** Names in messages may come from hostile data: escape what a terminal would interpret. */
function printable(name) {
    const shown = name.length > 300 ? `${name.slice(0, 300)}…` : name;
    let out = '';
    let from = 0;
    for (let i = 0; i < shown.length; i++) {
        const code = shown.charCodeAt(i);
        const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
        if (control || code === 0x22 || code === 0x5c) {
            out += `${shown.slice(from, i)}\\${code.toString().padStart(3, '0')}`;
            from = i + 1;
        }
    }
    return out + shown.slice(from);
}


/***/ })

};
