/**
 * A view's paged snapshot at one resourceVersion, built once for every subscriber who starts it while that
 * resourceVersion is current: the list order (sorted once), each page's payload (rows projected once) and its
 * encoded frame (shared-frames.ts). Viewers who (re)connect together — a BFF restart, a network blip — then cost
 * one encoding per page instead of one per viewer, and their sockets queue the same bytes. Pages are built
 * lazily, in the order the first subscriber reaches them, and dropped when the last subscriber using them is done.
 */
import type { Obj } from '../k8s/strip';
import { encodeShared, type PacketEncoder, type SharedFrame } from './shared-frames';
import { listOrder } from './views';

export interface PageLayout {
  /** objects in the first page */
  first: number;
  /** objects in each later page */
  later: number;
}

/** what a page says besides its objects: built by the fan-out (subId, rows, resourceVersion, total) */
export type PagePayload = (objs: Obj[], first: boolean, more: boolean) => unknown;

export class SnapshotPages {
  /** subscribers currently sending this snapshot */
  users = 0;
  readonly total: number;
  private readonly order: ReturnType<typeof listOrder>;
  private firstObjs?: Obj[];
  private rest?: Obj[];
  private frames: SharedFrame[] = [];

  constructor(
    readonly resourceVersion: string,
    items: Obj[],
    private readonly layout: PageLayout,
    private readonly encoder: PacketEncoder,
    private readonly payload: PagePayload,
  ) {
    this.total = items.length;
    this.order = listOrder(items);
  }

  /** objects in pages before `i` */
  offset(i: number): number {
    return i === 0 ? 0 : Math.min(this.total, this.firstCount() + (i - 1) * this.layout.later);
  }

  /** whether a page follows page `i` */
  more(i: number): boolean {
    return this.offset(i + 1) < this.total;
  }

  /** page `i` (0 = first) as a frame every subscriber can be sent */
  frame(i: number): SharedFrame {
    const cached = this.frames[i];
    if (cached) return cached;
    const objs = i === 0 ? this.first() : this.later().slice(this.offset(i) - this.firstCount(), this.offset(i + 1) - this.firstCount());
    const f = encodeShared(this.encoder, 'snapshot', this.payload(objs, i === 0, this.more(i)));
    this.frames[i] = f;
    return f;
  }

  private firstCount(): number {
    return Math.min(this.layout.first, this.total);
  }

  private first(): Obj[] {
    // the first page is picked without sorting the whole list (views.ts listOrder), the rest sorted after it
    return (this.firstObjs ??= this.order.first(this.layout.first));
  }

  private later(): Obj[] {
    this.first();
    return (this.rest ??= this.order.rest());
  }
}

/**
 * The snapshot a new subscriber of `view` shares at `resourceVersion`: the current one if it was built at that
 * resourceVersion, else a fresh one (which newcomers then share). `items` is only called for a fresh one.
 */
export class SnapshotShares<V extends object> {
  private current = new WeakMap<V, SnapshotPages>();

  acquire(view: V, resourceVersion: string, make: () => SnapshotPages): SnapshotPages {
    let s = this.current.get(view);
    if (!s || s.resourceVersion !== resourceVersion) this.current.set(view, (s = make()));
    s.users++;
    return s;
  }

  release(view: V, s: SnapshotPages): void {
    if (--s.users > 0) return;
    // the last sender is done: its pages are not kept (a later subscriber encodes afresh)
    if (this.current.get(view) === s) this.current.delete(view);
  }
}
