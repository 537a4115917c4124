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
import { SharedClusterSubscriptions, socketClusters } from './cluster-rooms';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export function attachSummarySocket(io: IO, summary: SummaryService, guard: AccessGuard): () => void {
  const shared = new SharedClusterSubscriptions();

  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    /** cluster → stop re-checking this socket's access to it */
    const untrack = new Map<string, () => void>();
    const { mine, part } = socketClusters(socket as unknown as Socket, 'unsubscribeSummary', (cluster) => {
      untrack.get(cluster)?.();
      untrack.delete(cluster);
      void socket.leave(`summary:${cluster}`);
      shared.leave(cluster);
    });
    socket.on('subscribeSummary', async (raw, ack) => {
      const p = summaryRequest.safeParse(raw);
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      const { cluster } = p.data;
      if (mine.has(cluster)) return reply({ ok: true });
      const gate = await guard.open(socketIdentity(socket), cluster, [SUMMARY_ACCESS]);
      if (!gate.ok) return reply({ ok: false, error: gate.error });
      const room = `summary:${cluster}`;
      try {
        await shared.open(cluster, () => summary.subscribe(cluster, (s) => io.to(room).emit('summary', { cluster, summary: s })));
      } catch (e) {
        const err = toApiError(e, cluster);
        return reply({ ok: false, error: { status: err.status, reason: err.reason, message: err.message } });
      }
      if (!socket.connected) return;
      if (mine.has(cluster)) return reply({ ok: true }); // a concurrent subscribe of this socket got there first
      mine.add(cluster);
      untrack.set(cluster, gate.track(() => part(cluster)));
      shared.join(cluster);
      void socket.join(room);
      reply({ ok: true });
      // the room may already have a summary: send it to the newcomer (a fresh service callback would spam the room)
      void summary.subscribe(cluster, (s) => socket.emit('summary', { cluster, summary: s })).then((release) => release());
    });
  };
  io.on('connection', onConnection);
  return () => {
    io.off('connection', onConnection);
    shared.dispose();
  };
}
