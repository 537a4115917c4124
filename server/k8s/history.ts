/**
 * The informer's recent past: every event in order, plus every resourceVersion the informer has been at
 * (list, event, bookmark). A subscriber that comes back with one of those versions gets exactly what it
 * missed. resourceVersions are opaque: looked up by equality only (convention 5).
 */
export interface HistoryEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: T;
}

interface Entry<T> {
  /** the informer's position after this entry; undefined for synthetic relist events (not resumable) */
  rv?: string;
  event?: HistoryEvent<T>;
}

export class WatchHistory<T> {
  private entries: Entry<T>[] = [];
  /** absolute sequence number of entries[0] */
  private base = 0;
  private seqByRv = new Map<string, number>();

  constructor(private readonly limit: number) {}

  push(event: HistoryEvent<T> | undefined, rv: string | undefined): void {
    const seq = this.base + this.entries.length;
    this.entries.push({ rv, event });
    if (rv !== undefined) this.seqByRv.set(rv, seq);
    if (this.entries.length > this.limit + Math.max(64, this.limit >> 3)) this.trim();
  }

  /** Events after the position `rv`; undefined when that position is unknown or has been trimmed. */
  since(rv: string): HistoryEvent<T>[] | undefined {
    const seq = this.seqByRv.get(rv);
    if (seq === undefined || seq < this.base) return undefined;
    const out: HistoryEvent<T>[] = [];
    for (let i = seq - this.base + 1; i < this.entries.length; i++) {
      const e = this.entries[i].event;
      if (e) out.push(e);
    }
    return out;
  }

  clear(): void {
    this.base += this.entries.length;
    this.entries = [];
    this.seqByRv.clear();
  }

  get size(): number {
    return this.entries.length;
  }

  private trim(): void {
    const drop = this.entries.length - this.limit;
    for (let i = 0; i < drop; i++) {
      const rv = this.entries[i].rv;
      if (rv !== undefined && this.seqByRv.get(rv) === this.base + i) this.seqByRv.delete(rv);
    }
    this.entries = this.entries.slice(drop);
    this.base += drop;
  }
}
