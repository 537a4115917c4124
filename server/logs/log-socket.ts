/**
 * socket.io side of pod logs: 'logs:open' validates the request, resolves the pods (404/403 from the
 * cluster come back in the ack, verbatim), and runs a LogSession whose batches go to this socket only.
 * Sessions end on 'logs:close' and when the socket disconnects; a socket may hold a few at once.
 */
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { logsAckRequest, logsOpenRequest, logsStreamRef, type ClientToServerEvents, type ServerToClientEvents } from '../../lib/protocol';
import type { ClusterRegistry } from '../clusters/registry';
import type { WatchHub } from '../watch/hub';
import { toApiError } from '../k8s/errors';
import { openPodSource } from './pod-source';
import { LogSession, type SessionLimits } from './log-session';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export interface LogSocketDeps {
  registry: ClusterRegistry;
  hub: WatchHub;
  logger: Logger;
  limits?: Partial<SessionLimits>;
  maxPerSocket?: number;
}

/** Live sessions of the process (the benchmark reads their counters). */
export const liveSessions = new Set<LogSession>();

export function attachLogSocket(io: IO, deps: LogSocketDeps): () => void {
  const logger = deps.logger.child({ component: 'logs' });
  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const sessions = new Map<string, LogSession>();
    const close = (id: string) => {
      const s = sessions.get(id);
      if (!s) return;
      sessions.delete(id);
      liveSessions.delete(s);
      s.stop();
    };
    socket.on('logs:open', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const p = logsOpenRequest.safeParse(raw);
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      if (sessions.size >= (deps.maxPerSocket ?? 8)) {
        return reply({ ok: false, error: { status: 429, reason: 'TooManyRequests', message: 'too many open log streams on this connection' } });
      }
      const req = p.data;
      try {
        const client = deps.registry.client(req.cluster);
        const pods = await openPodSource(deps.hub, client, req);
        if (socket.disconnected) return pods.release();
        const id = randomUUID();
        const session = new LogSession({
          id,
          req,
          client,
          pods,
          logger,
          limits: deps.limits,
          emitBatch: (b) => socket.emit('logs:batch', b),
          emitStatus: (s) => socket.emit('logs:status', s),
        });
        sessions.set(id, session);
        liveSessions.add(session);
        reply({ ok: true, streamId: id });
        session.start();
      } catch (e) {
        const err = toApiError(e, req.cluster);
        reply({ ok: false, error: { status: err.status, reason: err.reason, message: err.message } });
      }
    });
    socket.on('logs:ack', (raw) => {
      const p = logsAckRequest.safeParse(raw);
      if (p.success) sessions.get(p.data.streamId)?.ack(p.data.seq);
    });
    socket.on('logs:close', (raw) => {
      const p = logsStreamRef.safeParse(raw);
      if (p.success) close(p.data.streamId);
    });
    socket.on('disconnect', () => {
      for (const id of [...sessions.keys()]) close(id);
    });
  };
  io.on('connection', onConnection);
  logger.debug('log socket attached');
  return () => {
    io.off('connection', onConnection);
  };
}
