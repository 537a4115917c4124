/**
 * Whether people are opening lists right now. Background work that can wait a few seconds — the metrics
 * sampler's tick, which at 50,000 pods is a second or more of listing, parsing and recording on this one event
 * loop — asks `holdOffMs()` and starts once no list subscription has arrived for `quietMs`, so a large
 * snapshot's pages (and the page's own API requests) are not interleaved with it. The caller bounds how long
 * it waits, so a console that is always being browsed still samples.
 */
import type { Server, Socket } from 'socket.io';

export class ListActivity {
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    /** a 50,000-row snapshot takes a few seconds to page out on a 2-core box */
    private readonly quietMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** a list subscription arrived */
  touch(): void {
    this.last = this.now();
  }

  /** how long until no subscription has arrived for quietMs (0: quiet now) */
  holdOffMs(): number {
    return Math.max(0, this.last + this.quietMs - this.now());
  }

  /** Counts every socket's `subscribe` (alongside the fan-out's own handler); returns the detach. */
  track(io: Server): () => void {
    const onConnection = (socket: Socket) => socket.on('subscribe', () => this.touch());
    io.on('connection', onConnection);
    return () => void io.off('connection', onConnection);
  }
}
