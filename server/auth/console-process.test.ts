// The real entry point (server/main.ts) in child processes (started together: each takes seconds to load):
// `--auth none` refuses a non-loopback HOST; the first start mints `admin` with a password logged once (two consoles
// starting at once on one users file: exactly one creates and prints it — users.test.ts covers a restart); the scale-out
// shared session: two consoles on two ports with the same WHEELHOUSE_SESSION_SECRET accept each other's cookie for
// REST and socket.io; the two share one real PostgreSQL (DATABASE_URL), so a logout on one is refused by the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { WatchClient, type ClientSocket } from '../../lib/realtime/watch-client';
import { Browser, spawnConsole } from './testing';
import { eventually } from '../watch/testing';
import { startPostgres, type TestPostgres } from '../store/testing';

let sandbox: SandboxCluster;
let dir: string;
const consoles: ReturnType<typeof spawnConsole>[] = [];
let a: ReturnType<typeof spawnConsole>;
let b: ReturnType<typeof spawnConsole>;
let refused: ReturnType<typeof spawnConsole>;
let urlA = '';
let urlB = '';
let postgres: TestPostgres | undefined;

beforeAll(async () => {
  sandbox = await startSandboxCluster({ name: 'replica-test', scenario: 'empty', noRuntime: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-replicas-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  postgres = await startPostgres();
  // like two pods: own data dirs, one mounted users file, one session secret (a Kubernetes Secret), one database
  const shared = {
    KUBECONFIG: kubeconfig,
    WHEELHOUSE_USERS_FILE: path.join(dir, 'users.json'),
    WHEELHOUSE_SESSION_SECRET: 'replica-test-secret-0123456789abcdefghij',
    DATABASE_URL: await postgres.createDatabase(),
  };
  for (const d of ['a', 'b']) fs.mkdirSync(path.join(dir, d));
  a = spawnConsole({ ...shared, WHEELHOUSE_DATA_DIR: path.join(dir, 'a') });
  b = spawnConsole({ ...shared, WHEELHOUSE_DATA_DIR: path.join(dir, 'b') });
  refused = spawnConsole({ HOST: '0.0.0.0', WHEELHOUSE_DATA_DIR: path.join(dir, 'none') }, ['--no-sandbox', '--auth', 'none']);
  consoles.push(a, b, refused);
  [urlA, urlB] = await Promise.all([a.url, b.url]);
  // the listener opens first; /api answers 503 until the registry and the auth gate are installed
  for (const u of [urlA, urlB]) {
    await eventually(async () => (await fetch(`${u}/api/auth/session`)).status === 200, 90_000, `${u} API up`, 200);
  }
}, 180_000);

afterAll(async () => {
  for (const c of consoles) c.stop();
  await sandbox?.stop();
  await postgres?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const passwordLines = (lines: string[]) => lines.filter((l) => l.includes('"password"'));

describe('console processes', () => {
  it('refuses --auth none on a non-loopback HOST (exit 2, clear message)', async () => {
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toMatch(/--auth none .* loopback: HOST is "0.0.0.0"/);
  }, 30_000);

  it('first start logs a one-time admin password at warn level, once across both consoles', () => {
    const printed = [...passwordLines(a.lines), ...passwordLines(b.lines)];
    expect(printed).toHaveLength(1);
    const rec = JSON.parse(printed[0]) as { level: number; username: string; password: string };
    expect(rec).toMatchObject({ level: 40, username: 'admin' });
    expect(rec.password.length).toBeGreaterThanOrEqual(20);
    expect(a.lines.some((l) => /"auth":"local".*"msg":"listening"/.test(l))).toBe(true);
  });

  it('shares sessions between two consoles with the same secret: log in on A, use the cookie on B (REST and socket)', async () => {
    const password = (JSON.parse([...passwordLines(a.lines), ...passwordLines(b.lines)][0]) as { password: string }).password;
    const onA = new Browser(urlA);
    expect((await onA.login('admin', password)).status).toBe(200);

    const onB = new Browser(urlB);
    onB.cookie = onA.cookie;
    await eventually(async () => (await onB.fetch('/api/clusters')).status === 200, 30_000, 'B serves /api with A’s cookie');
    expect(await (await onB.fetch('/api/auth/session')).json()).toMatchObject({ authenticated: true, user: { username: 'admin' }, csrfToken: onA.csrf });

    const socket: ClientSocket = ioClient(urlB, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie: `wh_session=${onA.cookie}` } });
    try {
      const w = new WatchClient(socket);
      const cluster = ((await (await onB.fetch('/api/clusters')).json()) as { clusters: { id: string }[] }).clusters[0].id;
      const params = { cluster, group: '', version: 'v1', resource: 'namespaces' };
      w.watch(params, () => {});
      await eventually(() => w.current(params).state === 'live', 20_000, 'a live watch on B');
    } finally {
      socket.close();
    }
    expect(await new Browser(urlB).handshake()).toBe('unauthorized');

    // logout on A ends the session there at once, and on B after B's next read of the shared store (about 1 s);
    // B is polled because it is another process: there is no event of it to await
    const kept = onA.cookie;
    expect((await onA.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    onA.cookie = kept;
    expect((await onA.fetch('/api/clusters')).status).toBe(401);
    await eventually(async () => (await onB.fetch('/api/clusters')).status === 401, 30_000, 'B refuses the logged-out cookie', 100);
  }, 90_000);
});
