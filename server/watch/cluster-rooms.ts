/**
 * What the per-cluster socket rooms (cluster summary, Helm lists) share: one upstream subscription per cluster,
 * counted by its members and released when the last one leaves, and each socket's own set of joined clusters,
 * which its 'unsubscribe…' frame and its disconnect leave.
 */
import type { Socket } from 'socket.io';
import { summaryRequest } from '../../lib/protocol';

type Release = () => void;

export class SharedClusterSubscriptions {
  private readonly subs = new Map<string, Promise<Release>>();
  private readonly members = new Map<string, number>();

  /** The cluster's subscription, started by `start` if there is none; a failed start is forgotten. */
  open(cluster: string, start: () => Release | Promise<Release>): Promise<Release> {
    let sub = this.subs.get(cluster);
    if (!sub) {
      const started = Promise.resolve().then(start);
      sub = started;
      this.subs.set(cluster, started);
      started.catch(() => this.subs.get(cluster) === started && this.subs.delete(cluster));
    }
    return sub;
  }

  join(cluster: string): void {
    this.members.set(cluster, (this.members.get(cluster) ?? 0) + 1);
  }

  leave(cluster: string): void {
    const n = (this.members.get(cluster) ?? 1) - 1;
    if (n > 0) return void this.members.set(cluster, n);
    this.members.delete(cluster);
    const sub = this.subs.get(cluster);
    this.subs.delete(cluster);
    void sub?.then((release) => release(), () => undefined);
  }

  dispose(): void {
    for (const sub of this.subs.values()) void sub.then((release) => release(), () => undefined);
    this.subs.clear();
    this.members.clear();
  }
}

/**
 * A socket's joined clusters. `part(cluster)` is the one way out: it runs `onPart` once per joined cluster,
 * whether the browser unsubscribed, the socket disconnected, or the server removed it.
 */
export function socketClusters(socket: Socket, unsubscribeEvent: string, onPart: (cluster: string) => void) {
  const mine = new Set<string>();
  const part = (cluster: string) => {
    if (!mine.delete(cluster)) return;
    onPart(cluster);
  };
  socket.on(unsubscribeEvent, (raw: unknown) => {
    const p = summaryRequest.safeParse(raw);
    if (p.success) part(p.data.cluster);
  });
  socket.on('disconnect', () => {
    for (const c of [...mine]) part(c);
  });
  return { mine, part };
}
