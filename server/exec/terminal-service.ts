/**
 * Terminal sessions: the /api/exec WebSocket endpoint. Each terminal is its own WebSocket (never the socket.io
 * connection), authenticated like the socket.io handshake, authorised with the person's RBAC (create AND get on
 * pods/exec or pods/attach), counted against the per-person and per-console limits, relayed to an upstream
 * exec/attach opened AS the person, audited at start and end (never keystrokes or output), and ended when the tab
 * closes, the person logs out, their login session reaches its absolute expiry, or the console stops.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import type { AccessReviewer } from '../watch/access';
import type { AuditLog } from '../audit';
import type { AuthContext } from '../auth/context';
import type { SessionRef } from '../auth/revocations';
import { displayName, identityKey, type Identity } from '../auth/identity';
import { toApiError } from '../k8s/errors';
import { forbidden } from '../watch/access';
import { closeCodeFor, EXEC_PATH, parseTerminalQuery, SHELL_COMMAND, type TerminalTarget } from '../../lib/exec/protocol';
import { execPath, openChannel } from './k8s-channel';
import { relay, send, type Relay, type RelayEnd } from './relay';
import { realScheduler, type Scheduler } from './heartbeat';
import { authenticateUpgrade, refuseUpgrade, type UpgradeCaller } from './upgrade-auth';
import type { SessionLimits } from './limits';

export interface TerminalServiceOptions {
  registry: ClusterRegistry;
  access: AccessReviewer;
  audit: AuditLog;
  auth: AuthContext;
  limits: SessionLimits;
  logger: Logger;
  pingMs: number;
  scheduler?: Scheduler;
  highWaterBytes?: number;
}

export interface SessionInfo {
  id: string;
  user: string;
  target: TerminalTarget;
  start: string;
}

type EndListener = (s: SessionInfo, end: RelayEnd) => void;

/** The RBAC a terminal needs: create (1.35+ authorises the upgrade as create) and get (earlier versions). */
export function terminalChecks(t: Pick<TerminalTarget, 'namespace' | 'pod' | 'mode'>) {
  return (['create', 'get'] as const).map((verb) => ({ verb, group: '', resource: 'pods', subresource: t.mode, namespace: t.namespace, name: t.pod }));
}

export class TerminalService {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  private readonly live = new Map<string, { info: SessionInfo; relay?: Relay; ws: WebSocket; session?: SessionRef }>();
  private readonly endListeners = new Set<EndListener>();
  private stopped = false;
  private readonly detachRevoke: () => void;

  constructor(private readonly o: TerminalServiceOptions) {
    this.detachRevoke =
      o.auth.sessions?.onRevoke((matches) => {
        for (const s of this.live.values()) if (s.session && matches(s.session)) this.end(s, 'signed out');
      }) ?? (() => undefined);
  }

  /** true when the request is ours (the upgrade is then handled or refused) */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== EXEC_PATH) return false;
    socket.on('error', () => undefined);
    void (async () => {
      if (this.stopped) return refuseUpgrade(socket, 503, 'the console is stopping');
      const caller = await authenticateUpgrade(req, this.o.auth);
      if ('status' in caller) return refuseUpgrade(socket, caller.status, caller.message);
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.start(ws, url.searchParams, caller));
    })();
    return true;
  }

  onSessionEnd(fn: EndListener): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  sessions(): (SessionInfo & { flow?: ReturnType<Relay['stats']> })[] {
    return [...this.live.values()].map((s) => ({ ...s.info, flow: s.relay?.stats() }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.detachRevoke();
    const all = [...this.live.values()];
    for (const s of all) this.end(s, 'the console is stopping');
    await Promise.allSettled(all.map((s) => s.relay?.done));
    this.wss.close();
  }

  private end(s: { relay?: Relay; ws: WebSocket }, message: string) {
    if (s.relay) s.relay.stop(message);
    else s.ws.close(closeCodeFor(503), message.slice(0, 120));
  }

  private async start(ws: WebSocket, query: URLSearchParams, caller: UpgradeCaller): Promise<void> {
    const fail = (status: number, reason: string, message: string) => {
      send(ws, { t: 'error', status, reason, message });
      ws.close(closeCodeFor(status), reason);
    };
    const parsed = parseTerminalQuery(query);
    if (!parsed.success) return fail(400, 'BadRequest', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const t = parsed.data;
    const id = randomUUID();
    const user = displayName(caller.identity);
    const info: SessionInfo = { id, user, target: t, start: new Date().toISOString() };
    let release: (() => void) | undefined;
    const entry: { info: SessionInfo; relay?: Relay; ws: WebSocket; session?: SessionRef } = { info, ws, session: caller.session };
    let browserGone = false;
    ws.once('close', () => (browserGone = true));
    try {
      release = this.o.limits.take(identityKey(caller.identity));
      this.live.set(id, entry);
      await this.authorize(caller.identity, t);
      const client = this.o.registry.client(t.cluster).as(caller.identity);
      const { ws: upstream, protocol } = await openChannel(client, execPath(t));
      if (browserGone || this.stopped) {
        upstream.terminate();
        throw new Error('terminal closed before the session started');
      }
      const command = t.mode === 'exec' ? (t.command.length ? t.command : SHELL_COMMAND) : undefined;
      const auditBase = { user, cluster: t.cluster, verb: t.mode, object: { group: '', version: 'v1', resource: 'pods', namespace: t.namespace, name: t.pod } };
      const session = { id, container: t.container, ...(command ? { command } : {}), start: info.start };
      this.o.audit.record({ ...auditBase, result: 'success', message: 'session started', session });
      entry.relay = relay(ws, upstream, { protocol, session: id, scheduler: this.o.scheduler ?? realScheduler, pingMs: this.o.pingMs, highWaterBytes: this.o.highWaterBytes, initialSize: { cols: t.cols, rows: t.rows } });
      const expiry = caller.expiresAt !== undefined ? setTimeout(() => entry.relay?.stop('your login session ended'), Math.max(0, Math.min(caller.expiresAt - Date.now(), 2 ** 31 - 1))) : undefined;
      expiry?.unref();
      const end = await entry.relay.done;
      clearTimeout(expiry);
      this.o.audit.record({
        ...auditBase,
        result: end.code === null && end.endedBy !== 'browser' ? 'failure' : 'success',
        message: end.message ?? (end.code !== null ? `exited with code ${end.code}` : `ended by ${end.endedBy}`),
        session: { ...session, end: new Date().toISOString(), exitCode: end.code },
      });
      for (const l of this.endListeners) l(info, end);
    } catch (e) {
      const err = toApiError(e, t.cluster);
      if (err.status >= 500 && err.status !== 503) this.o.logger.warn({ err: err.message, cluster: t.cluster }, 'terminal failed');
      this.o.audit.record({ user, cluster: t.cluster, verb: t.mode, object: { group: '', version: 'v1', resource: 'pods', namespace: t.namespace, name: t.pod }, result: 'failure', status: err.status, message: err.message, session: { id, container: t.container, start: info.start, end: new Date().toISOString() } });
      if (!browserGone) fail(err.status, err.reason, err.message);
      for (const l of this.endListeners) l(info, { code: null, reason: err.reason, message: err.message, endedBy: 'upstream' });
    } finally {
      release?.();
      this.live.delete(id);
    }
  }

  private async authorize(identity: Identity, t: TerminalTarget): Promise<void> {
    for (const c of terminalChecks(t)) {
      const v = await this.o.access.can(identity, t.cluster, c);
      if (!v.allowed) throw forbidden(v.reason, t.cluster);
    }
  }
}
