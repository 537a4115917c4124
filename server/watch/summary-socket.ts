/**
 * socket.io side of the cluster summary: one room per cluster; the summary service computes once per
 * change window for everyone in it (never per browser). The summary covers every namespace, so a person joins
 * only if they may list pods cluster-wide (SUMMARY_ACCESS), and leaves the room when they lose that.
 */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import { summaryRequest } from '../../lib/protocol';
import { toApiError } from '../k8s/errors';
import type { SummaryService } from '../clusters/summary-service';
import { SUMMARY_ACCESS, socketIdentity } from './access';
import type { AccessGuard } from './access-guard';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export function attachSummarySocket(io: IO, summary: SummaryService, guard: AccessGuard): () => void {
  /** cluster → release of the room's single service subscription */
  const rooms = new Map<string, Promise<() => void>>();
  const members = new Map<string, number>();

  const leave = (cluster: string) => {
    const n = (members.get(cluster) ?? 1) - 1;
    if (n > 0) return void members.set(cluster, n);
    members.delete(cluster);
    const r = rooms.get(cluster);
    rooms.delete(cluster);
    void r?.then((release) => release(), () => undefined);
  };

  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const mine = new Set<string>();
    /** cluster → stop re-checking this socket's access to it */
    const untrack = new Map<string, () => void>();
    const part = (cluster: string) => {
      if (!mine.delete(cluster)) return;
      untrack.get(cluster)?.();
      untrack.delete(cluster);
      void socket.leave(`summary:${cluster}`);
      leave(cluster);
    };
    socket.on('subscribeSummary', async (raw, ack) => {
      const p = summaryRequest.safeParse(raw);
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      const { cluster } = p.data;
      if (mine.has(cluster)) return reply({ ok: true });
      const gate = await guard.open(socketIdentity(socket), cluster, [SUMMARY_ACCESS]);
      if (!gate.ok) return reply({ ok: false, error: gate.error });
      const room = `summary:${cluster}`;
      let sub = rooms.get(cluster);
      if (!sub) {
        sub = summary.subscribe(cluster, (s) => io.to(room).emit('summary', { cluster, summary: s }));
        rooms.set(cluster, sub);
        sub.catch(() => rooms.get(cluster) === sub && rooms.delete(cluster));
      }
      try {
        await sub;
      } catch (e) {
        const err = toApiError(e, cluster);
        return reply({ ok: false, error: { status: err.status, reason: err.reason, message: err.message } });
      }
      if (!socket.connected) return;
      if (mine.has(cluster)) return reply({ ok: true }); // a concurrent subscribe of this socket got there first
      mine.add(cluster);
      untrack.set(cluster, gate.track(() => part(cluster)));
      members.set(cluster, (members.get(cluster) ?? 0) + 1);
      void socket.join(room);
      reply({ ok: true });
      // the room may already have a summary: send it to the newcomer (a fresh service callback would spam the room)
      void summary.subscribe(cluster, (s) => socket.emit('summary', { cluster, summary: s })).then((release) => release());
    });
    socket.on('unsubscribeSummary', (raw) => {
      const p = summaryRequest.safeParse(raw);
      if (p.success) part(p.data.cluster);
    });
    socket.on('disconnect', () => {
      for (const c of [...mine]) part(c);
    });
  };
  io.on('connection', onConnection);
  return () => {
    io.off('connection', onConnection);
    for (const c of [...rooms.keys()]) {
      members.set(c, 1);
      leave(c);
    }
  };
}
