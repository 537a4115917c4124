/**
 * Multi-pod merge with a reorder window, bounded. Each (pod, container) stream is a FIFO lane, so a
 * container's lines are never reordered; across lanes lines leave in timestamp order: the next line is the
 * smallest head, released once every other open lane has a line queued (nothing earlier can still come from
 * it, as each container's log is in time order) or once it has waited `windowMs` (a quiet, stalled or
 * reconnecting container holds the others back for at most that long; a line of it arriving later than the
 * window can land after newer lines of other pods — the known limit). A line without a timestamp sorts with
 * its predecessor in the lane. Lanes are plain arrays with a read index, compacted as they drain: a line
 * is referenced from here only until take() hands it out.
 */
import type { WireLogLine } from '../../lib/protocol';

interface Lane {
  id: string;
  lines: WireLogLine[];
  /** merge key per line: its timestamp, or the previous line's for lines without one */
  keys: string[];
  /** arrival time (ms) per line */
  at: number[];
  head: number;
  lastKey: string;
  open: boolean;
}

export class MergeQueue {
  private lanes = new Map<string, Lane>();
  private n = 0;

  constructor(private readonly windowMs: number) {}

  /** lines queued */
  get size(): number {
    return this.n;
  }

  /** A stream that may still deliver lines: while it has none queued, other lanes wait for it (up to the window). */
  open(id: string): void {
    const l = this.lanes.get(id);
    if (l) l.open = true;
    else this.lanes.set(id, { id, lines: [], keys: [], at: [], head: 0, lastKey: '', open: true });
  }

  /** The stream ended: its queued lines still leave, then the lane goes. */
  close(id: string): void {
    const l = this.lanes.get(id);
    if (!l) return;
    l.open = false;
    if (l.head >= l.lines.length) this.lanes.delete(id);
  }

  push(id: string, lines: readonly WireLogLine[], now: number): void {
    this.open(id);
    const l = this.lanes.get(id)!;
    for (const line of lines) {
      if (line.ts) l.lastKey = line.ts;
      l.lines.push(line);
      l.keys.push(l.lastKey);
      l.at.push(now);
    }
    this.n += lines.length;
  }

  /** Forgets every lane and line (the view closed). */
  clear(): void {
    this.lanes.clear();
    this.n = 0;
  }

  /** Drops the `count` oldest queued lines (smallest heads first); returns how many were dropped. */
  drop(count: number): number {
    let dropped = 0;
    while (dropped < count) {
      const l = this.smallest();
      if (!l) break;
      this.shift(l);
      dropped++;
    }
    return dropped;
  }

  /** Up to `max` lines in merge order that may leave at `now`. */
  take(max: number, now: number): WireLogLine[] {
    const out: WireLogLine[] = [];
    while (out.length < max) {
      const l = this.smallest();
      if (!l) break;
      if (this.blocked() && now - l.at[l.head]! < this.windowMs) break;
      out.push(this.shift(l));
    }
    return out;
  }

  /** ms until take() can release something by the window (0 when it can now), undefined when empty. */
  dueIn(now: number): number | undefined {
    const l = this.smallest();
    if (!l) return undefined;
    return this.blocked() ? Math.max(0, l.at[l.head]! + this.windowMs - now) : 0;
  }

  private smallest(): Lane | undefined {
    let best: Lane | undefined;
    for (const l of this.lanes.values()) {
      if (l.head < l.lines.length && (!best || l.keys[l.head]! < best.keys[best.head]!)) best = l;
    }
    return best;
  }

  /** an open lane with nothing queued may still send a line older than every head */
  private blocked(): boolean {
    for (const l of this.lanes.values()) if (l.open && l.head >= l.lines.length) return true;
    return false;
  }

  private shift(l: Lane): WireLogLine {
    const line = l.lines[l.head]!;
    l.head++;
    this.n--;
    if (l.head >= l.lines.length) {
      l.lines = [];
      l.keys = [];
      l.at = [];
      l.head = 0;
      if (!l.open) this.lanes.delete(l.id);
    } else if (l.head >= 1024 && l.head * 2 >= l.lines.length) {
      l.lines = l.lines.slice(l.head);
      l.keys = l.keys.slice(l.head);
      l.at = l.at.slice(l.head);
      l.head = 0;
    }
    return line;
  }
}
