/** What the figures were measured on: without it a ratio cannot be compared across runs. */
import os from 'node:os'

export function machine() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${process.arch}`,
    // Other work on the machine skews absolute times; A/B alternation protects the ratios.
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    date: new Date().toISOString(),
  }
}

/** @param {ReturnType<typeof machine>} m */
export function machineLine(m) {
  return (
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, Node ${m.node}, ${m.os}` +
    ` (load ${m.loadAverage.join(' ')})`
  )
}
