/**
 * An open log stream is revoked when RBAC stops allowing it (server/logs/log-socket.ts through the watch
 * AccessGuard): a person whose only right to a pod's log is a RoleBinding follows it live; the RoleBinding is
 * deleted; the stream ends with a 403 status and no further lines. Real HTTPS sandbox with its kubelets; the
 * socket names its person in the handshake (test-only middleware, as server/security-testing.ts does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { eventually, startHarness, type Harness } from '../watch/testing';
import { R, deployment, LOG_RATE_ANNOTATION } from '@wheelhouse/sandbox/testing';
import type { Identity } from '../auth/identity';
import type { ClientToServerEvents, LogsBatch, LogsStatus, ServerToClientEvents } from '../../lib/protocol';

const NS = 'default';
const lou: Identity = { kind: 'user', username: 'lou', groups: [], admin: false };
const RBAC = 'rbac.authorization.k8s.io';
let h: Harness;
let pod = '';

beforeAll(async () => {
  h = await startHarness({ name: 'logs-revoke', sandbox: { noRuntime: false, scenario: 'empty', speed: 20 } });
  h.io.use((socket, next) => {
    const u = (socket.handshake.auth as { testUser?: Identity } | undefined)?.testUser;
    if (u) (socket.data as { identity?: Identity }).identity = u;
    next();
  });
  h.sandbox.client.create({ group: RBAC, version: 'v1', resource: 'roles' }, {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'log-reader', namespace: NS },
    rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }],
  });
  h.sandbox.client.create({ group: RBAC, version: 'v1', resource: 'rolebindings' }, {
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'lou-logs', namespace: NS },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'log-reader' },
    subjects: [{ apiGroup: RBAC, kind: 'User', name: 'lou' }],
  });
  h.sandbox.client.create(R.deployments, deployment({ ns: NS, name: 'chatty', image: 'nginx:1.27', replicas: 1, podAnnotations: { [LOG_RATE_ANNOTATION]: '40' } }));
  pod = await eventually((): string | undefined => {
    const p = h.sandbox.client.list(R.pods, { namespace: NS }).items.find((x) => (x.status as { phase?: string })?.phase === 'Running');
    return p?.metadata.name;
  }, 20_000, 'pod running') as string;
}, 40_000);
afterAll(() => h?.close());

describe('log stream revocation', () => {
  it('ends an open stream with a 403 status when its RoleBinding is deleted', async () => {
    const c: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(h.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { testUser: lou } });
    const batches: LogsBatch[] = [];
    const statuses: LogsStatus[] = [];
    c.on('logs:batch', (b) => {
      batches.push(b);
      c.emit('logs:ack', { streamId: b.streamId, seq: b.seq });
    });
    c.on('logs:status', (s) => statuses.push(s));
    await new Promise<void>((r, j) => c.once('connect', () => r()).once('connect_error', j));
    // a stranger may not open it at all
    const stranger = ioClient(h.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { testUser: { ...lou, username: 'sam' } } });
    const req = { cluster: h.clusterId, namespace: NS, group: '', version: 'v1', resource: 'pods' as const, name: pod, container: '', follow: true };
    expect(await stranger.timeout(10_000).emitWithAck('logs:open', req)).toMatchObject({ ok: false, error: { status: 403, reason: 'Forbidden' } });
    stranger.close();

    const ack = await c.timeout(10_000).emitWithAck('logs:open', req);
    expect(ack).toMatchObject({ ok: true });
    await eventually(() => batches.some((b) => b.lines.length > 0), 10_000, 'lines flowing');

    h.sandbox.client.delete({ group: RBAC, version: 'v1', resource: 'rolebindings' }, NS, 'lou-logs');
    const ended = await eventually(() => statuses.find((s) => s.state === 'error'), 10_000, 'stream revoked');
    expect(ended).toMatchObject({ status: 403, message: expect.stringMatching(/^403 Forbidden: .*pods\/log/) });
    const seen = batches.length;
    // the session is gone: nothing more arrives (a round trip on the socket orders everything sent before it)
    expect(await c.timeout(5_000).emitWithAck('logs:open', { bad: true } as never)).toMatchObject({ ok: false, error: { status: 400 } });
    expect(batches.length).toBe(seen);
    c.close();
  });
});
