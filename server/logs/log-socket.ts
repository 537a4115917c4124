/**
 * socket.io side of pod logs: 'logs:open' validates the request, resolves the pods (404/403 from the
 * cluster come back in the ack, verbatim), and runs a LogSession whose batches go to this socket only.
 * Sessions end on 'logs:close' and when the socket disconnects; a socket may hold a few at once.
 * Every upstream call acts for the socket's person (the cluster checks get on the pod or workload and
 * pods/log itself); a workload's pods come from the shared pods informer, so following them also needs list on
 * pods in the namespace. Those rights (get pods/log, plus list pods for a workload) are admitted and then kept
 * under watch by the same AccessGuard as watch subscriptions (server/watch/access-guard.ts): when an RBAC change
 * takes them away, the session stops and ends with a 403 status. Opens are rate-limited per signed-in person
 * (server/auth/limiter.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { logsAckRequest, logsOpenRequest, logsStreamRef, type ClientToServerEvents, type ServerToClientEvents } from '../../lib/protocol';
import type { ClusterRegistry } from '../clusters/registry';
import type { WatchHub } from '../watch/hub';
import { toApiError } from '../k8s/errors';
import { openPodSource } from './pod-source';
import { identityKey } from '../auth/identity';
import { socketIdentity, type AccessReviewer } from '../watch/access';
import { AccessGuard } from '../watch/access-guard';
import type { AccessCheck } from '../../lib/auth-types';
import { createUserLimiter, type UserLimiter } from '../auth/limiter';
import { LogSession, type SessionLimits } from './log-session';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export interface LogSocketDeps {
  registry: ClusterRegistry;
  hub: WatchHub;
  access: AccessReviewer;
  /** the data plane's guard (shares its RBAC informers and re-check timer); without it, one of our own */
  guard?: AccessGuard;
  logger: Logger;
  /** per-person log stream opens (default: 30 a minute) */
  openLimiter?: UserLimiter;
  limits?: Partial<SessionLimits>;
  maxPerSocket?: number;
}

/** Live sessions of the process (the benchmark reads their counters). */
export const liveSessions = new Set<LogSession>();

/** What following `req`'s logs takes: get pods/log (on the pod, or any pod for a workload) and list pods for a workload. */
export function logChecks(req: { namespace: string; resource: string; name: string }): AccessCheck[] {
  const log: AccessCheck = { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: req.namespace };
  if (req.resource === 'pods') return [{ ...log, name: req.name }];
  return [log, { verb: 'list', group: '', resource: 'pods', namespace: req.namespace }];
}

export function attachLogSocket(io: IO, deps: LogSocketDeps): () => void {
  const logger = deps.logger.child({ component: 'logs' });
  const ownGuard = deps.guard ? undefined : new AccessGuard(deps.hub, deps.access, logger);
  const guard = deps.guard ?? ownGuard!;
  const limiter = deps.openLimiter ?? createUserLimiter({ max: 30, windowMs: 60_000 });
  const onConnection = (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const sessions = new Map<string, { session: LogSession; untrack: () => void }>();
    const close = (id: string) => {
      const s = sessions.get(id);
      if (!s) return;
      sessions.delete(id);
      liveSessions.delete(s.session);
      s.untrack();
      s.session.stop();
    };
    socket.on('logs:open', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const p = logsOpenRequest.safeParse(raw);
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      if (sessions.size >= (deps.maxPerSocket ?? 8)) {
        return reply({ ok: false, error: { status: 429, reason: 'TooManyRequests', message: 'too many open log streams on this connection' } });
      }
      const req = p.data;
      const identity = socketIdentity(socket);
      // people only: the service identity is `--auth none`'s single loopback user (and the benchmarks)
      const allowed = identity.kind === 'service' ? ({ ok: true } as const) : limiter.take(identityKey(identity));
      if (!allowed.ok) {
        const message = `too many log streams opened; try again in ${Math.ceil(allowed.retryAfterMs / 1000)} s`;
        return reply({ ok: false, error: { status: 429, reason: 'TooManyRequests', message } });
      }
      try {
        const client = deps.registry.client(req.cluster).as(identity);
        const gate = await guard.open(identity, req.cluster, logChecks(req));
        if (!gate.ok) return reply({ ok: false, error: gate.error });
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
        const untrack = gate.track((reason) => {
          close(id);
          socket.emit('logs:status', { streamId: id, state: 'error', status: 403, message: `403 Forbidden: ${reason}` });
        });
        sessions.set(id, { session, untrack });
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
      if (p.success) sessions.get(p.data.streamId)?.session.ack(p.data.seq);
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
    ownGuard?.stop();
  };
}
