/**
 * socket.io side of live Helm lists: a browser showing a cluster's releases joins `helm:<cluster>` and hears
 * 'helmChanged' { cluster } (debounced) when a release record is written or deleted; it then refetches the list
 * through the HTTP route, which applies the person's access. The frame carries no release names, so joining only
 * needs a known cluster.
 */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import { summaryRequest } from '../../lib/protocol';
import type { ClusterRegistry } from '../clusters/registry';
import type { HelmRecordWatch } from './record-watch';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export function attachHelmSocket(io: IO, watch: HelmRecordWatch, registry: ClusterRegistry): () => void {
  const rooms = new Map<string, { members: number; release: () => void }>();

  const leave = (cluster: string) => {
    const r = rooms.get(cluster);
    if (!r) return;
    if (--r.members > 0) return;
    rooms.delete(cluster);
    r.release();
  };

  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const mine = new Set<string>();
    socket.on('subscribeHelm', (raw, ack) => {
      const p = summaryRequest.safeParse(raw);
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      const { cluster } = p.data;
      if (!registry.get(cluster)) return reply({ ok: false, error: { status: 404, reason: 'NotFound', message: `cluster "${cluster}" not found` } });
      if (!mine.has(cluster)) {
        mine.add(cluster);
        const room = rooms.get(cluster);
        if (room) room.members++;
        else rooms.set(cluster, { members: 1, release: watch.subscribe(cluster, () => io.to(`helm:${cluster}`).emit('helmChanged', { cluster })) });
        void socket.join(`helm:${cluster}`);
      }
      reply({ ok: true });
    });
    const part = (cluster: string) => {
      if (!mine.delete(cluster)) return;
      void socket.leave(`helm:${cluster}`);
      leave(cluster);
    };
    socket.on('unsubscribeHelm', (raw) => {
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
    for (const r of rooms.values()) r.release();
    rooms.clear();
  };
}
