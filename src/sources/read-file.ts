/**
 * Reading files safely, and synchronously: a lint reads each file once, one after the other, and
 * a round trip to the thread pool per call costs more than the read itself (on `examples/`,
 * ~240 round trips: a tenth of the action's cold start).
 *
 * Every file is opened non-blocking and checked on the open descriptor: a FIFO, device or
 * socket swapped in after the folder was listed is never read (reading a FIFO would wait for a
 * writer forever).
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'

/**
 * A path with every symbolic link resolved, by the C library: Node's own `realpathSync` walks
 * the path a component at a time in JavaScript, a dozen system calls per file.
 */
export const realPath: (path: string) => string = realpathSync.native

export type BytesResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'unreadable' | 'not-regular' | 'too-large'; message: string }

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error'
}

/**
 * The first `bytes` bytes of a regular file; `not-regular` for a FIFO, device or socket; else
 * the error that stopped the read.
 */
export function readHead(absPath: string, bytes: number): Buffer | 'not-regular' | Error {
  let fd: number
  try {
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return error as Error
  }
  try {
    if (!fstatSync(fd).isFile()) return 'not-regular'
    const buffer = Buffer.alloc(bytes)
    const read = readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, read)
  } catch (error) {
    return error as Error
  } finally {
    closeSync(fd)
  }
}

/**
 * Read a regular file of at most `maxBytes`, opened without following a final link. At most one
 * byte past the limit is read, whatever size was reported: files can grow.
 */
export function readRegularFile(absPath: string, shown: string, maxBytes: number): BytesResult {
  let fd: number
  try {
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  } catch (error) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `cannot read "${shown}" (${errorCode(error)})`,
    }
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) {
      const message = `"${shown}" is not a regular file (FIFO, device or socket); it was not read`
      return { ok: false, reason: 'not-regular', message }
    }
    const tooLarge = (size: number): BytesResult => ({
      ok: false,
      reason: 'too-large',
      message: `"${shown}" is too large (${size} bytes; at most ${maxBytes}, set by limits.maxFileBytes); it was not read`,
    })
    if (info.size > maxBytes) return tooLarge(info.size)
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) return tooLarge(length)
      const read = readSync(fd, buffer, length, buffer.length - length, length)
      if (read === 0) break
      length += read
      if (length > maxBytes) return tooLarge(length)
    }
    return { ok: true, bytes: buffer.subarray(0, length) }
  } catch (error) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `cannot read "${shown}" (${errorCode(error)})`,
    }
  } finally {
    closeSync(fd)
  }
}
