/** Plain code-unit order: the same on every machine whatever its locale (golden outputs). */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
