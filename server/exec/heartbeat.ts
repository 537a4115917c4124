/**
 * Keep-alive for long idle sockets: every tick each socket is pinged (a WebSocket ping frame) and one that did not
 * answer the previous ping is terminated. The pings are traffic, so proxies and load balancers with idle timeouts
 * (ingress-nginx's proxy-read-timeout, cloud LBs' 60 s) keep the connection; the pong check finds dead peers.
 * The scheduler is injected so tests can run 30 minutes of ticks without waiting.
 */
import type WebSocket from 'ws';

export interface Scheduler {
  every(ms: number, fn: () => void): () => void;
}

export const realScheduler: Scheduler = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

/** A scheduler whose ticks run when a test says so. */
export class ManualScheduler implements Scheduler {
  private fns = new Set<() => void>();
  every(_ms: number, fn: () => void): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  tick(): void {
    for (const f of [...this.fns]) f();
  }
  get size(): number {
    return this.fns.size;
  }
}

/** Pings `sockets` every `ms`; calls `dead(ws)` (after terminating it) for a socket that missed a pong. */
export function keepAlive(sockets: WebSocket[], ms: number, scheduler: Scheduler, dead: (ws: WebSocket) => void): () => void {
  const alive = new Map<WebSocket, boolean>();
  const onPong = new Map<WebSocket, () => void>();
  for (const ws of sockets) {
    alive.set(ws, true);
    const f = () => alive.set(ws, true);
    onPong.set(ws, f);
    ws.on('pong', f);
  }
  const cancel = scheduler.every(ms, () => {
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (!alive.get(ws)) {
        ws.terminate();
        dead(ws);
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  });
  return () => {
    cancel();
    for (const [ws, f] of onPong) ws.off('pong', f);
  };
}
