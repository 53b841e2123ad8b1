/** Text tables for the terminal and the docs page, and the JSON written by `--json`. */

/** @typedef {import('./runner.js').CaseResult} CaseResult */

/** @param {number | null} n @param {number} [digits] */
const num = (n, digits = 1) => (n === null ? '-' : n.toFixed(digits))

/** Left-align the first `left` (text) columns, right-align the numbers. @param {string[][]} rows @param {number} left */
function table(rows, left) {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** @param {CaseResult} r */
function aimText(r) {
  const parts = []
  if (r.aim.ratio !== undefined) parts.push(`<= ${r.aim.ratio}`)
  if (r.aim.peak !== undefined) parts.push(`mem <= ${r.aim.peak}`)
  if (r.aim.ms !== undefined) parts.push(`<= ${r.aim.ms} ms`)
  if (r.aim.addedMs !== undefined) parts.push(`+ <= ${r.aim.addedMs} ms`)
  return parts.join(', ') || '-'
}

/** @param {CaseResult} r */
function verdict(r) {
  if (r.status === 'crashed') return 'CRASHED'
  if (r.status === 'not-built') return 'not built yet'
  if (r.status === 'peer-missing') return 'peer missing'
  if (r.status === 'skipped') return 'skipped'
  return r.met === null ? '?' : r.met ? 'met' : 'not met'
}

/** Long labels are cut in the table; the notes below it give them in full. @param {string} text @param {number} max */
const short = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** @param {CaseResult[]} results */
export function casesTable(results) {
  const head = ['case', 'peer', 'ours ms', 'peer ms', 'ratio', 'aim', '', 'ours MB', 'peer MB']
  const rows = results.map((r) => [
    r.name,
    short(r.peer ?? '-', 28),
    num(r.oursMs),
    num(r.peerMs),
    num(r.ratio, 3),
    aimText(r),
    verdict(r),
    num(r.oursPeakMb, 0),
    num(r.peerPeakMb, 0),
  ])
  return table([head, ...rows], 2)
}

/** @param {CaseResult} r */
export function caseNotes(r) {
  const lines = [`${r.name}: ${r.title}`]
  if (r.ours)
    lines.push(`  ours: ${r.ours}${r.summary.ours ? ` -> ${JSON.stringify(r.summary.ours)}` : ''}`)
  if (r.peer)
    lines.push(`  peer: ${r.peer}${r.summary.peer ? ` -> ${JSON.stringify(r.summary.peer)}` : ''}`)
  for (const note of r.notes) lines.push(`  note: ${note}`)
  if (r.aim.addedMs !== undefined && r.oursMs !== null && r.peerMs !== null)
    lines.push(`  added: ${num(r.oursMs - r.peerMs)} ms (ours less peer; aim <= ${r.aim.addedMs})`)
  if (r.samplesMs) {
    const s = r.samplesMs
    const list = (/** @type {number[]} */ xs) => xs.map((x) => x.toFixed(0)).join(' ')
    lines.push(`  samples (ms, ${r.timing}): ours [${list(s.ours)}] peer [${list(s.peer)}]`)
  }
  const cpu = cpuText(r)
  if (cpu) lines.push(`  cpu (ms, median): ${cpu}`)
  if (r.error) lines.push(...r.error.split('\n').map((l) => `  error: ${l}`))
  return lines.join('\n')
}

/**
 * Each JS side's CPU time: its main thread's and all its threads' (V8 compiles and collects on
 * threads of its own). Against the wall time it shows how much of a short run is the engine's
 * warm-up rather than the work.
 * @param {CaseResult} r
 */
function cpuText(r) {
  const side = (/** @type {'ours' | 'peer'} */ name) => {
    const c = r.cpuMs?.[name]
    return c ? `${name} main thread ${num(c.main, 0)}, all threads ${num(c.process, 0)}` : null
  }
  return [side('ours'), side('peer')].filter(Boolean).join('; ')
}

/** @param {CaseResult} r */
export function scaleTable(r) {
  if (!r.scale) return ''
  const head = [
    'records',
    'ours ms',
    'ours µs/rec',
    'ours MB',
    'peer ms',
    'peer µs/rec',
    'peer MB',
    'ratio',
  ]
  const perRecord = (/** @type {number | null} */ ms, /** @type {number} */ n) =>
    ms === null ? null : (ms * 1000) / n
  const rows = r.scale.map((s) => [
    s.records.toLocaleString('en-US'),
    num(s.oursMs),
    num(perRecord(s.oursMs, s.records), 2),
    num(s.oursPeakMb, 0),
    num(s.peerMs),
    num(perRecord(s.peerMs, s.records), 2),
    num(s.peerPeakMb, 0),
    num(s.ratio, 3),
  ])
  const errors = r.scale.filter((s) => s.error).map((s) => `  ${s.records}: ${s.error}`)
  const title = `${r.name} scale (peer: ${r.peer ?? 'missing'})`
  return [title, table([head, ...rows], 0), ...errors].join('\n')
}

/**
 * The JSON document: `machine`, and per case the fields the issue asks for, then details.
 * @param {object} machine @param {CaseResult[]} results @param {object} run
 */
export function toJson(machine, results, run) {
  return {
    machine,
    run,
    cases: results.map((r) => ({
      name: r.name,
      oursMs: round(r.oursMs, 1),
      peer: r.peer,
      peerMs: round(r.peerMs, 1),
      ratio: round(r.ratio, 4),
      oursPeakMb: round(r.oursPeakMb, 1),
      peerPeakMb: round(r.peerPeakMb, 1),
      aim: r.aim,
      title: r.title,
      status: r.status,
      met: r.met,
      peakRatio: round(r.peakRatio, 4),
      timing: r.timing,
      rounds: r.rounds,
      samplesMs: r.samplesMs && {
        ours: r.samplesMs.ours.map((x) => round(x, 1)),
        peer: r.samplesMs.peer.map((x) => round(x, 1)),
      },
      cpuMs: r.cpuMs && {
        ours: cpuJson(r.cpuMs.ours),
        peer: cpuJson(r.cpuMs.peer),
      },
      summary: r.summary,
      notes: r.notes,
      error: r.error,
      scale:
        r.scale?.map((s) => ({
          ...s,
          oursMs: round(s.oursMs, 1),
          peerMs: round(s.peerMs, 1),
          ratio: round(s.ratio, 4),
          oursPeakMb: round(s.oursPeakMb, 1),
          peerPeakMb: round(s.peerPeakMb, 1),
        })) ?? null,
    })),
  }
}

/** @param {import('./runner.js').CpuSplit | null} c */
function cpuJson(c) {
  return c && { main: round(c.main, 1), process: round(c.process, 1) }
}

/** @param {number | null} n @param {number} digits */
function round(n, digits) {
  return n === null ? null : Number(n.toFixed(digits))
}
