/**
 * kubectl-style port-forward, offered only when the console listens on loopback (the person's own machine): a
 * local TCP listener on 127.0.0.1 whose every connection opens one pods/portforward WebSocket upstream as the
 * person (v4.channel.k8s.io: channel 0 data, 1 error; the first frame on each carries the port, 2 bytes LE).
 * Backpressure both ways (the TCP socket pauses the WebSocket and the reverse). Every forward is audited, counts
 * against the session limits, and is stopped with its "Stop" button or when the console stops.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import type { AuditLog } from '../audit';
import { displayName, identityKey, type Identity } from '../auth/identity';
import { K8sApiError } from '../k8s/errors';
import type { PortForwardInfo } from '../../lib/exec/port-forward';
import { openChannel } from './k8s-channel';
import type { SessionLimits } from './limits';

const HIGH = 1024 * 1024;
const seg = encodeURIComponent;

interface Forward {
  info: PortForwardInfo;
  owner: string;
  identity: Identity;
  server: net.Server;
  conns: Set<net.Socket>;
  release: () => void;
}

export class PortForwards {
  private forwards = new Map<string, Forward>();

  constructor(private readonly o: { registry: ClusterRegistry; audit: AuditLog; limits: SessionLimits; logger: Logger; enabled: boolean }) {}

  get enabled(): boolean {
    return this.o.enabled;
  }

  async start(identity: Identity, t: { cluster: string; namespace: string; pod: string; port: number; localPort?: number }): Promise<PortForwardInfo> {
    if (!this.o.enabled) throw new K8sApiError({ status: 403, reason: 'Forbidden', message: 'port-forward to a local port is offered only when the console listens on loopback (HOST=127.0.0.1)' });
    const release = this.o.limits.take(identityKey(identity));
    const server = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(t.localPort ?? 0, '127.0.0.1', () => resolve());
      });
    } catch (e) {
      release();
      const code = (e as { code?: string }).code;
      throw new K8sApiError({ status: 409, reason: 'Conflict', message: `local port ${t.localPort} is not free (${code ?? (e as Error).message})` });
    }
    const localPort = (server.address() as net.AddressInfo).port;
    const info: PortForwardInfo = { id: randomUUID(), cluster: t.cluster, namespace: t.namespace, pod: t.pod, port: t.port, localPort, user: displayName(identity), started: new Date().toISOString(), connections: 0 };
    const f: Forward = { info, owner: identityKey(identity), identity, server, conns: new Set(), release };
    server.on('connection', (sock) => this.connect(f, sock));
    this.forwards.set(info.id, f);
    this.o.audit.record({ user: info.user, cluster: t.cluster, verb: 'portforward', object: { group: '', version: 'v1', resource: 'pods', namespace: t.namespace, name: t.pod }, result: 'success', message: `127.0.0.1:${localPort} → ${t.port}`, session: { id: info.id, start: info.started, port: t.port } });
    return { ...info };
  }

  list(identity: Identity): PortForwardInfo[] {
    const me = identityKey(identity);
    return [...this.forwards.values()].filter((f) => identity.kind === 'service' || f.owner === me).map((f) => ({ ...f.info, connections: f.conns.size }));
  }

  async stopOne(id: string, identity: Identity): Promise<boolean> {
    const f = this.forwards.get(id);
    if (!f || (identity.kind !== 'service' && f.owner !== identityKey(identity))) return false;
    await this.close(f, 'stopped');
    return true;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.forwards.values()].map((f) => this.close(f, 'console stopping')));
  }

  private async close(f: Forward, why: string): Promise<void> {
    if (!this.forwards.delete(f.info.id)) return;
    for (const c of f.conns) c.destroy();
    await new Promise<void>((r) => f.server.close(() => r()));
    f.release();
    this.o.audit.record({ user: f.info.user, cluster: f.info.cluster, verb: 'portforward', object: { group: '', version: 'v1', resource: 'pods', namespace: f.info.namespace, name: f.info.pod }, result: 'success', message: why, session: { id: f.info.id, start: f.info.started, end: new Date().toISOString(), port: f.info.port } });
  }

  private connect(f: Forward, sock: net.Socket): void {
    f.conns.add(sock);
    sock.on('close', () => f.conns.delete(sock));
    sock.on('error', () => undefined);
    sock.pause();
    const { cluster, namespace, pod, port } = f.info;
    const client = this.o.registry.client(cluster).as(f.identity);
    openChannel(client, `/api/v1/namespaces/${seg(namespace)}/pods/${seg(pod)}/portforward?ports=${port}`, { protocols: ['v4.channel.k8s.io'] }).then(
      ({ ws }) => pipe(sock, ws),
      (e: Error) => {
        this.o.logger.info({ err: e.message, cluster, pod }, 'port-forward connection refused upstream');
        sock.destroy();
      },
    );
  }
}

/** One TCP connection ↔ one portforward WebSocket, with backpressure both ways. */
export function pipe(sock: net.Socket, ws: WebSocket): void {
  const seen = [false, false];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    const ch = data[0]!;
    if (ch > 1) return;
    let payload = data.subarray(1);
    // the first frame of each channel is the port number (2 bytes, little-endian)
    if (!seen[ch]) {
      seen[ch] = true;
      payload = payload.subarray(2);
    }
    if (payload.length === 0) return;
    if (ch === 1) {
      sock.destroy(new Error(payload.toString('utf8')));
      ws.close();
      return;
    }
    if (!sock.write(payload)) {
      ws.pause();
      sock.once('drain', () => ws.resume());
    }
  });
  sock.on('data', (chunk: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.concat([Buffer.from([0]), chunk]), () => {
      if (sock.isPaused() && ws.bufferedAmount <= HIGH / 4) sock.resume();
    });
    if (ws.bufferedAmount > HIGH) sock.pause();
  });
  sock.on('end', () => ws.close());
  sock.on('close', () => ws.readyState === ws.OPEN && ws.close());
  ws.on('close', () => sock.end());
  ws.on('error', () => sock.destroy());
  sock.resume();
}
