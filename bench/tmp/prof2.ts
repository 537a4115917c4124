import { startSandboxCluster } from '../../server/sandbox/cluster';
const c = await startSandboxCluster({ name: 'p', noRuntime: true });
const ref = { group: '', version: 'v1', resource: 'configmaps' };
for (let i = 0; i < 3000; i++) c.client.create(ref, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w${i}`, namespace: 'default' }, data: { x: 'y'.repeat(200) } });
const t = performance.now();
for (let i = 0; i < 5000; i++) c.client.create(ref, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `a${i}`, namespace: 'default' }, data: { x: 'y'.repeat(200) } });
for (let i = 0; i < 5000; i++) c.client.update(ref, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `a${i}`, namespace: 'default' }, data: { x: 'z'.repeat(200) } });
console.log('ops/s', 10000 / (performance.now() - t) * 1000);
await c.stop();
