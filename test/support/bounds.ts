/**
 * How long an operation may take before a test calls it a hang. These bounds catch loops and
 * unbounded work, not slowness: speed is measured by `npm run bench`, never asserted here, and
 * a loaded 2-core CI machine must never fail a test for being busy.
 */
export const HANG_MS = 30_000
