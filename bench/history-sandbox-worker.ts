/**
 * bench:history's cluster, in its own thread so the recorder's process measures only the recorder and the
 * store: a sandbox without the simulated control plane, `objects` ConfigMaps in `namespaces` namespaces, and on
 * request `rate` updates per second for `seconds`, reporting each write's resourceVersion and time
 * (performance.timeOrigin + now(): comparable across threads).
 */
import { parentPort } from 'node:worker_threads';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';

export type ToWorker = { type: 'start'; objects: number; namespaces: number } | { type: 'drive'; seconds: number; rate: number } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready'; kubeconfig: string }
  | { type: 'writes'; items: [string, number][] }
  | { type: 'done'; sent: number; seconds: number }
  | { type: 'stopped' };

const CM = { group: '', version: 'v1', resource: 'configmaps' };
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const post = (m: FromWorker) => parentPort!.postMessage(m);
let sandbox: SandboxCluster | undefined;
let objects = 0;
let namespaces = 0;

async function drive(seconds: number, rate: number): Promise<void> {
  const c = sandbox!.client;
  const start = now();
  let sent = 0;
  let buf: [string, number][] = [];
  let lastPost = start;
  while (now() - start < seconds * 1000) {
    const due = Math.floor(((now() - start) / 1000) * rate);
    for (; sent < due; sent++) {
      const i = sent % objects;
      const o = c.patch(CM, `bench-${i % namespaces}`, `cm-${i}`, 'merge', { data: { v: String(sent + 1) } });
      buf.push([String(o.metadata.resourceVersion), now()]);
    }
    if (now() - lastPost > 100) {
      post({ type: 'writes', items: buf });
      buf = [];
      lastPost = now();
    }
    await sleep(5);
  }
  post({ type: 'writes', items: buf });
  post({ type: 'done', sent, seconds: (now() - start) / 1000 });
}

parentPort!.on('message', (m: ToWorker) => {
  void (async () => {
    if (m.type === 'start') {
      objects = m.objects;
      namespaces = m.namespaces;
      sandbox = await startSandboxCluster({ name: 'bench-history', noRuntime: true });
      for (let n = 0; n < namespaces; n++) sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bench-${n}` } });
      for (let i = 0; i < objects; i++) {
        sandbox.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: `bench-${i % namespaces}` }, data: { v: '0' } } as never);
      }
      post({ type: 'ready', kubeconfig: sandbox.kubeconfig });
    } else if (m.type === 'drive') {
      await drive(m.seconds, m.rate);
    } else {
      await Promise.race([sandbox?.stop(), sleep(3_000)]);
      post({ type: 'stopped' });
    }
  })();
});
