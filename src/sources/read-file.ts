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

/** What reading a whole file gave; each reader words the failures its own way. */
export type FileBytes =
  | { ok: true; bytes: Buffer }
  /** Opening failed (missing, EISDIR, ELOOP for a link planted late, permissions). */
  | { ok: false; problem: 'unopenable'; code: string }
  | { ok: false; problem: 'directory' | 'not-regular' }
  | { ok: false; problem: 'too-large'; size: number }
  /** It grew while it was read: more bytes came than its size said. */
  | { ok: false; problem: 'grew' }
  | { ok: false; problem: 'unreadable'; error: Error }

export function errorCode(error: unknown): string {
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
 * A regular file of at most `maxBytes`, opened without following a final link and checked on
 * the open descriptor. At most one byte past the size seen is read: a file that grows while it
 * is read stays bounded, and is reported.
 */
export function readFileBytes(absPath: string, maxBytes: number): FileBytes {
  let fd: number
  try {
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  } catch (error) {
    return { ok: false, problem: 'unopenable', code: errorCode(error) }
  }
  try {
    const info = fstatSync(fd)
    if (info.isDirectory()) return { ok: false, problem: 'directory' }
    if (!info.isFile()) return { ok: false, problem: 'not-regular' }
    if (info.size > maxBytes) return { ok: false, problem: 'too-large', size: info.size }
    const bytes = Buffer.alloc(info.size + 1)
    let length = 0
    for (let n = 1; n > 0 && length < bytes.length; length += n) {
      n = readSync(fd, bytes, length, bytes.length - length, null)
    }
    if (length > info.size) return { ok: false, problem: 'grew' }
    return { ok: true, bytes: bytes.subarray(0, length) }
  } catch (error) {
    return { ok: false, problem: 'unreadable', error: error as Error }
  } finally {
    closeSync(fd)
  }
}
