/**
 * A small seeded PRNG (mulberry32), so that every input the benchmarks use can be regenerated
 * byte for byte from its seed instead of being committed.
 */

/** @param {number} seed */
export function createRandom(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    /** Integer in [0, n). @param {number} n */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {readonly T[]} items @returns {T} */
    pick: (items) => /** @type {any} */ (items[Math.floor(next() * items.length)]),
    /** True with probability p. @param {number} p */
    chance: (p) => next() < p,
    /** Lower-case hex of n random nibbles. @param {number} n */
    hex: (n) => {
      let s = ''
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(next() * 16)]
      return s
    },
    /** Base64-looking text of length n (for DKIM keys and verification tokens). @param {number} n */
    b64: (n) => {
      const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
      let s = ''
      for (let i = 0; i < n; i++) s += chars[Math.floor(next() * 64)]
      return s
    },
  }
}

/** @typedef {ReturnType<typeof createRandom>} Random */
