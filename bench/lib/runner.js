/**
 * Runs one case: both sides alternate (A B, then B A, ...) after a discarded warm-up round, so
 * that drift in the machine's load hits both sides alike; the figures are medians.
 */
import { measureCommand, measureJs } from './measure.js'

/** @typedef {import('./case.js').BenchCase} BenchCase */
/** @typedef {import('./case.js').RunOptions} RunOptions */
/** @typedef {import('./measure.js').Sample} Sample */

/**
 * @typedef {object} Measured
 * @property {number | null} oursMs
 * @property {number | null} peerMs
 * @property {number | null} ratio
 * @property {number | null} oursPeakMb
 * @property {number | null} peerPeakMb
 * @property {{ ours: number[], peer: number[] }} samplesMs
 * @property {{ ours: CpuSplit | null, peer: CpuSplit | null }} cpuMs
 * @property {any} oursSummary
 * @property {any} peerSummary
 */

/**
 * Median CPU time of a side's timed runs: its main thread's (null where the system does not
 * tell) and all its threads' together.
 * @typedef {{ main: number | null, process: number }} CpuSplit
 */

/**
 * The median when every sample has the value, else null (a figure from some rounds only would
 * not be the same measure). @param {(number | null)[]} xs
 */
function medianOfKnown(xs) {
  return xs.length > 0 && xs.every((x) => x !== null) ? median(/** @type {number[]} */ (xs)) : null
}

/** @param {number[]} xs */
export function median(xs) {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? /** @type {number} */ (s[mid]) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** @param {number | null} a @param {number | null} b */
const ratioOf = (a, b) => (a === null || b === null || b === 0 ? null : a / b)

/**
 * Measure the ready sides of a case with one set of params.
 * @param {string} file @param {BenchCase} bench @param {any} params
 * @param {{ ours: boolean, peer: boolean, rounds: number, warmup: number, log: (s: string) => void }} how
 * @returns {Promise<Measured>}
 */
export async function measureCase(file, bench, params, how) {
  /** @type {('ours' | 'peer')[]} */
  const sides = []
  if (how.ours) sides.push('ours')
  if (how.peer) sides.push('peer')
  const one = (/** @type {'ours' | 'peer'} */ side) => {
    const def = bench[side]
    return def?.kind === 'command'
      ? measureCommand(def.command(params))
      : measureJs(file, side, params)
  }
  const time = (/** @type {Sample} */ s) =>
    bench.timing === 'process' ? s.wallMs : (s.innerMs ?? s.wallMs)

  /** @type {Record<'ours' | 'peer', Sample[]>} */
  const samples = { ours: [], peer: [] }
  for (let w = 0; w < how.warmup; w++) for (const side of sides) await one(side)
  for (let r = 0; r < how.rounds; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse()
    for (const side of order) {
      const s = await one(side)
      samples[side].push(s)
      how.log(`round ${r + 1}/${how.rounds} ${side} ${time(s).toFixed(1)} ms`)
    }
  }
  const ms = (/** @type {Sample[]} */ xs) => median(xs.map(time))
  const peak = (/** @type {Sample[]} */ xs) => medianOfKnown(xs.map((s) => s.peakMb))
  /** @returns {CpuSplit | null} */
  const cpu = (/** @type {Sample[]} */ xs) => {
    const process = medianOfKnown(xs.map((s) => s.cpuMs?.process ?? null))
    if (process === null) return null
    return { main: medianOfKnown(xs.map((s) => s.cpuMs?.main ?? null)), process }
  }
  const oursMs = ms(samples.ours)
  const peerMs = ms(samples.peer)
  return {
    oursMs,
    peerMs,
    ratio: ratioOf(oursMs, peerMs),
    oursPeakMb: peak(samples.ours),
    peerPeakMb: peak(samples.peer),
    samplesMs: { ours: samples.ours.map(time), peer: samples.peer.map(time) },
    cpuMs: { ours: cpu(samples.ours), peer: cpu(samples.peer) },
    oursSummary: samples.ours.at(-1)?.summary ?? null,
    peerSummary: samples.peer.at(-1)?.summary ?? null,
  }
}

/**
 * @typedef {object} CaseResult
 * @property {string} name
 * @property {string} title
 * @property {'ok' | 'not-built' | 'peer-missing' | 'skipped' | 'crashed'} status
 * @property {string | null} ours  label of our side
 * @property {number | null} oursMs
 * @property {string | null} peer  label of the peer, null when it is not installed
 * @property {number | null} peerMs
 * @property {number | null} ratio  ours / peer time: lower is better
 * @property {number | null} oursPeakMb
 * @property {number | null} peerPeakMb
 * @property {number | null} peakRatio
 * @property {import('./case.js').Aim} aim
 * @property {boolean | null} met
 * @property {string[]} notes
 * @property {string | null} error
 * @property {number} rounds
 * @property {'inner' | 'process'} timing
 * @property {{ ours: number[], peer: number[] } | null} samplesMs
 * @property {{ ours: CpuSplit | null, peer: CpuSplit | null } | null} cpuMs
 * @property {{ ours: any, peer: any }} summary
 * @property {ScaleRow[] | null} scale
 *
 * @typedef {{ records: number, oursMs: number | null, peerMs: number | null, ratio: number | null,
 *   oursPeakMb: number | null, peerPeakMb: number | null, error?: string }} ScaleRow
 */

/**
 * @param {string} file @param {BenchCase} bench
 * @param {RunOptions & { rounds: number, warmup: number, log: (s: string) => void }} opts
 * @returns {Promise<CaseResult>}
 */
export async function runCase(file, bench, opts) {
  /** @type {CaseResult} */
  const result = {
    name: bench.name,
    title: bench.title,
    status: 'ok',
    ours: null,
    oursMs: null,
    peer: null,
    peerMs: null,
    ratio: null,
    oursPeakMb: null,
    peerPeakMb: null,
    peakRatio: null,
    aim: bench.aim,
    met: null,
    notes: [],
    error: null,
    rounds: opts.rounds,
    timing: bench.timing,
    samplesMs: null,
    cpuMs: null,
    summary: { ours: null, peer: null },
    scale: null,
  }
  const log = (/** @type {string} */ s) => opts.log(`${bench.name}: ${s}`)
  try {
    log('preparing inputs')
    const params = await bench.prepare(opts)
    if (params?.skip) {
      result.status = 'skipped'
      result.notes.push(params.skip)
      return result
    }
    if (params?.note) result.notes.push(params.note)
    const ours = await probe(bench.ours, 'ours', params)
    const peer = bench.peer ? await probe(bench.peer, 'peer', params) : null
    if (ours.ready) {
      result.ours = ours.label
      if (ours.note) result.notes.push(ours.note)
    } else {
      result.status = 'not-built'
      result.notes.push(ours.reason)
    }
    if (peer?.ready) {
      result.peer = peer.label
      if (peer.note) result.notes.push(peer.note)
    } else if (peer) {
      if (result.status === 'ok') result.status = 'peer-missing'
      result.notes.push(peer.reason)
    } else {
      result.notes.push('no peer for this case: ours alone')
    }
    const how = {
      ours: ours.ready,
      peer: !!peer?.ready,
      rounds: opts.rounds,
      warmup: opts.warmup,
      log,
    }
    if (!how.ours && !how.peer) return result
    /** @type {Measured | null} */
    let m = null
    try {
      m = await measureCase(file, bench, params, how)
    } finally {
      // The growth table is still worth having when the main size fails (e.g. a size limit).
      if (bench.scale) result.scale = await runScale(file, bench, params, m, how, opts)
    }
    Object.assign(result, {
      oursMs: m.oursMs,
      peerMs: m.peerMs,
      ratio: m.ratio,
      oursPeakMb: m.oursPeakMb,
      peerPeakMb: m.peerPeakMb,
      peakRatio: ratioOf(m.oursPeakMb, m.peerPeakMb),
      samplesMs: m.samplesMs,
      cpuMs: m.cpuMs,
      summary: { ours: m.oursSummary, peer: m.peerSummary },
    })
    result.met = aimMet(result)
    result.notes.push(...shortfalls(params, result.summary))
  } catch (err) {
    result.status = 'crashed'
    result.error = err instanceof Error ? err.message : String(err)
  }
  return result
}

/**
 * A probe that throws (a module of ours that fails to load for a reason other than not being
 * built) is a crash of that side.
 * @param {{ probe: (p: any) => Promise<import('./case.js').Probe> }} side @param {string} name @param {any} params
 */
async function probe(side, name, params) {
  try {
    return await side.probe(params)
  } catch (err) {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err)
    throw new Error(`${name}: ${text.split('\n').slice(0, 4).join('\n')}`, { cause: err })
  }
}

/**
 * A side that returns fewer records than the input holds did less work than it seems to (a size
 * limit, dropped records): say so next to its time.
 * @param {any} params @param {{ ours: any, peer: any }} summary
 */
function shortfalls(params, summary) {
  const notes = []
  for (const side of /** @type {const} */ (['ours', 'peer'])) {
    const got = summary[side]?.records
    if (typeof params?.records === 'number' && typeof got === 'number' && got !== params.records)
      notes.push(`WARNING ${side} returned ${got} records of ${params.records}: not comparable`)
  }
  return notes
}

/** True/false when every target of the aim could be checked, else null. @param {CaseResult} r */
function aimMet(r) {
  const checks = []
  if (r.aim.ratio !== undefined) checks.push(r.ratio === null ? null : r.ratio <= r.aim.ratio)
  if (r.aim.peak !== undefined) checks.push(r.peakRatio === null ? null : r.peakRatio <= r.aim.peak)
  if (r.aim.ms !== undefined) checks.push(r.oursMs === null ? null : r.oursMs <= r.aim.ms)
  if (r.aim.addedMs !== undefined) {
    const added = r.oursMs === null || r.peerMs === null ? null : r.oursMs - r.peerMs
    checks.push(added === null ? null : added <= r.aim.addedMs)
  }
  if (checks.includes(false)) return false
  return checks.length && !checks.includes(null) ? true : null
}

/**
 * The growth table: the case again at each size of its series (the main size is reused). A size
 * that crashes gets a row with its error instead of ending the table.
 * @param {string} file @param {BenchCase} bench @param {any} params @param {Measured | null} main
 * @param {{ ours: boolean, peer: boolean, rounds: number, warmup: number, log: (s: string) => void }} how
 * @param {RunOptions} opts
 * @returns {Promise<ScaleRow[]>}
 */
async function runScale(file, bench, params, main, how, opts) {
  const scale = /** @type {NonNullable<BenchCase['scale']>} */ (bench.scale)
  const rows = []
  for (const records of opts.quick ? scale.quick : scale.full) {
    /** @type {ScaleRow} */
    const row = {
      records,
      oursMs: null,
      peerMs: null,
      ratio: null,
      oursPeakMb: null,
      peerPeakMb: null,
    }
    try {
      let m = records === params.records ? main : null
      if (records !== params.records) {
        const sized = await scale.params(opts, records)
        const log = (/** @type {string} */ s) => how.log(`scale ${records}: ${s}`)
        // Fewer rounds off the main size; a quick run only checks that every size runs.
        const rounds = opts.quick ? 1 : Math.min(how.rounds, 3)
        const warmup = opts.quick ? 0 : how.warmup
        m = await measureCase(file, bench, sized, { ...how, rounds, warmup, log })
      }
      if (!m) throw new Error('failed (see the case error)')
      Object.assign(row, {
        oursMs: m.oursMs,
        peerMs: m.peerMs,
        ratio: m.ratio,
        oursPeakMb: m.oursPeakMb,
        peerPeakMb: m.peerPeakMb,
      })
    } catch (err) {
      row.error = (err instanceof Error ? err.message : String(err)).split('\n')[0]
    }
    rows.push(row)
  }
  return rows
}
