/**
 * Ids of the lines matching the current search, kept incrementally: new lines are tested once as they
 * arrive, and ids evicted from the ring buffer are pruned from the front, so filtering 200,000 lines does
 * not rescan the buffer on every frame. Ids increase monotonically (arrival order).
 */
export class FilterIndex {
  private ids: number[] = [];
  private head = 0;

  get length(): number {
    return this.ids.length - this.head;
  }

  get(i: number): number | undefined {
    return this.ids[this.head + i];
  }

  clear(): void {
    this.ids = [];
    this.head = 0;
  }

  add(id: number): void {
    this.ids.push(id);
  }

  /** Drops ids below `minId` (evicted from the buffer). */
  prune(minId: number): void {
    while (this.head < this.ids.length && this.ids[this.head]! < minId) this.head++;
    if (this.head > 8192 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
  }
}
