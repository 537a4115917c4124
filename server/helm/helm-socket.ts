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
import { SharedClusterSubscriptions, socketClusters } from '../watch/cluster-rooms';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export function attachHelmSocket(io: IO, watch: HelmRecordWatch, registry: ClusterRegistry): () => void {
  const shared = new SharedClusterSubscriptions();

  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const { mine } = socketClusters(socket as unknown as Socket, 'unsubscribeHelm', (cluster) => {
      void socket.leave(`helm:${cluster}`);
      shared.leave(cluster);
    });
    socket.on('subscribeHelm', (raw, ack) => {
      const p = summaryRequest.safeParse(raw);
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      const { cluster } = p.data;
      if (!registry.get(cluster)) return reply({ ok: false, error: { status: 404, reason: 'NotFound', message: `cluster "${cluster}" not found` } });
      if (!mine.has(cluster)) {
        mine.add(cluster);
        void shared.open(cluster, () => watch.subscribe(cluster, () => io.to(`helm:${cluster}`).emit('helmChanged', { cluster })));
        shared.join(cluster);
        void socket.join(`helm:${cluster}`);
      }
      reply({ ok: true });
    });
  };
  io.on('connection', onConnection);
  return () => {
    io.off('connection', onConnection);
    shared.dispose();
  };
}
