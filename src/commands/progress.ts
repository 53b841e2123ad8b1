/**
 * The live DNS progress line: `live DNS: 37/50 records, 212 queries`, redrawn in place on a
 * terminal's stderr. Nothing at all when stderr is not a TTY, so piped and CI output stays
 * exactly the report.
 */
import type { ProgressEvent } from '../lint.js'

export interface ProgressLine {
  onProgress(event: ProgressEvent): void
  /** Erase the line (before the report is printed). */
  clear(): void
}

const REDRAW_MS = 80

export function progressLine(
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): ProgressLine {
  if (stream.isTTY !== true) return { onProgress: () => {}, clear: () => {} }
  let done = 0
  let total = 0
  let queries = 0
  let shown = false
  let drawnAt = 0
  const draw = (force: boolean) => {
    const now = Date.now()
    if (!force && now - drawnAt < REDRAW_MS) return
    drawnAt = now
    shown = true
    // \r back to the start of the line, \x1b[K erase what a longer previous line left.
    stream.write(`\rlive DNS: ${done}/${total} records, ${queries} queries\x1b[K`)
  }
  const clear = () => {
    if (shown) stream.write('\r\x1b[K')
    shown = false
  }
  return {
    onProgress(event) {
      if (event.phase === 'live' || (event.phase === 'walk' && event.queries !== undefined)) {
        if (event.queries !== undefined) queries = event.queries
        if (event.phase === 'walk') {
          done = event.done ?? done
          total = event.total ?? total
        }
        draw(event.phase === 'walk' && done === total)
      } else if (event.phase === 'walk' && event.total !== undefined && event.done === undefined) {
        total = event.total
      } else if (event.phase === 'rules') {
        clear()
      }
    },
    clear,
  }
}
