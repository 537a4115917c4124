import https from 'node:https';
import { startSandboxCluster } from '../../server/sandbox/cluster';
const c = await startSandboxCluster({ name: 'p', noRuntime: true });
const u = new URL(c.server);
const N = Number(process.env.N ?? 10000);
const ref = { group: '', version: 'v1', resource: 'pods' };
let t = performance.now();
for (let i = 0; i < N; i++) c.client.create(ref, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', labels: { app: 'x' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } } as any);
console.log('create', Math.round(performance.now() - t));
const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
function get(path: string) {
  return new Promise<string>((resolve, reject) => {
    const r = https.request({ host: u.hostname, port: u.port, path, ca: c.caPem, agent, headers: { Authorization: `Bearer ${c.token}` } }, (res) => { const ch: Buffer[] = []; res.on('data', (d) => ch.push(d)); res.on('end', () => resolve(Buffer.concat(ch).toString())); });
    r.on('error', reject); r.end();
  });
}
t = performance.now();
let cont = ''; let n = 0; let pages = 0;
do { const p = JSON.parse(await get(`/api/v1/pods?limit=500${cont ? '&continue=' + encodeURIComponent(cont) : ''}`)); n += p.items.length; cont = p.metadata.continue ?? ''; pages++; } while (cont);
console.log('list', n, pages, Math.round(performance.now() - t), 'ms; rss', Math.round(process.memoryUsage().rss / 1048576));
t = performance.now(); cont = ''; n = 0;
do { const p = JSON.parse(await get(`/api/v1/pods?limit=500${cont ? '&continue=' + encodeURIComponent(cont) : ''}`)); n += p.items.length; cont = p.metadata.continue ?? ''; } while (cont);
console.log('list again', n, Math.round(performance.now() - t), 'ms');
agent.destroy(); await c.stop();
