/**
 * Bounded FIFO of log lines: once full, each push overwrites the oldest entry, so a viewer tailing a noisy
 * container for hours holds at most `capacity` lines (Rancher's tab grew without bound and ran out of memory).
 * Index 0 is the oldest line still held; `dropped` counts lines evicted since creation / clear().
 */
export class RingBuffer<T> {
  private buf: (T | undefined)[];
  private start = 0;
  private len = 0;
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.buf = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.len;
  }

  push(item: T): void {
    if (this.len < this.capacity) {
      this.buf[(this.start + this.len) % this.capacity] = item;
      this.len++;
    } else {
      this.buf[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  pushAll(items: readonly T[]): void {
    // only the last `capacity` items can survive: skip the rest without touching the array
    const skip = Math.max(0, items.length - this.capacity);
    for (let i = skip; i < items.length; i++) this.push(items[i]!);
    if (skip > 0) this.dropped += skip;
  }

  get(i: number): T | undefined {
    if (i < 0 || i >= this.len) return undefined;
    return this.buf[(this.start + i) % this.capacity];
  }

  last(): T | undefined {
    return this.get(this.len - 1);
  }

  clear(): void {
    this.buf = new Array<T | undefined>(this.capacity);
    this.start = 0;
    this.len = 0;
    this.dropped = 0;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.len; i++) out.push(this.get(i)!);
    return out;
  }
}
