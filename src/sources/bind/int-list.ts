/**
 * A list of 32-bit integers that grows as it is pushed to. The loader keeps a few numbers per
 * record: pushed onto a plain array, a million of them cost several times as long (V8 copies a
 * large array's elements as it grows them), and each takes eight bytes instead of four.
 */
export class IntList {
  length = 0
  private items = new Int32Array(64)

  push(value: number): void {
    if (this.length === this.items.length) {
      const items = new Int32Array(this.items.length * 2)
      items.set(this.items)
      this.items = items
    }
    this.items[this.length++] = value
  }

  get(i: number): number {
    return this.items[i] as number
  }

  set(i: number, value: number): void {
    this.items[i] = value
  }
}
