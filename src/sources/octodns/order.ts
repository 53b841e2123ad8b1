/**
 * Natural sort order, as octoDNS's `enforce_order` expects keys (`a2` before `a10`): runs of
 * digits compare as numbers, everything else character by character.
 */
const CHUNKS = /(\d+)|(\D+)/g

export function naturalCompare(a: string, b: string): number {
  const left = a.match(CHUNKS) ?? []
  const right = b.match(CHUNKS) ?? []
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string
    const y = right[i] as string
    const xNumber = /^\d/.test(x)
    const yNumber = /^\d/.test(y)
    if (xNumber && yNumber) {
      const diff = Number(x) - Number(y)
      if (diff !== 0) return diff
    } else if (xNumber !== yNumber) {
      // natsort puts numbers before text
      return xNumber ? -1 : 1
    } else if (x !== y) return x < y ? -1 : 1
  }
  return left.length - right.length
}
