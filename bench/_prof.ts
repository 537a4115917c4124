import { startSandboxCluster } from '../server/sandbox/cluster';
import { R } from '../server/sandbox/controllers/lib/refs';
import https from 'node:https';
const sb = await startSandboxCluster({ name: 'p', scenario: 'empty', noRuntime: true });
const c = sb.client;
for (let n = 0; n < 20; n++) c.create(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } });
const objs = [];
for (let i = 0; i < 2000; i++) for (let r = 1; r <= 10; r++) objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `sh.helm.release.v1.rel-${i}.v${r}`, namespace: `team-${i % 20}`, labels: { owner: 'helm', name: `rel-${i}`, status: r === 10 ? 'deployed' : 'superseded', version: String(r) } }, type: 'helm.sh/release.v1', data: { release: Buffer.alloc(3000, 65).toString('base64') } });
let t = performance.now();
c.createSeeded!(R.secrets, objs as never);
console.log('seed', Math.round(performance.now() - t));
const u = new URL(sb.server);
const agent = new https.Agent({ keepAlive: true, ca: sb.caPem });
function get(p: string, accept = 'application/json'): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    https.get({ hostname: u.hostname, port: u.port, path: p, agent, headers: { authorization: `Bearer ${sb.token}`, accept } }, (r) => { let n = 0; r.on('data', (d) => (n += d.length)); r.on('end', () => { console.log(p.slice(0, 90), accept.slice(0, 30), Math.round(performance.now() - t0), 'ms', n, 'bytes'); res(n); }); }).on('error', rej);
  });
}
const META = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
await get('/api/v1/secrets?labelSelector=owner%3Dhelm&limit=2000', META);
await get('/api/v1/secrets?labelSelector=owner%3Dhelm&limit=2000', META);
await get('/api/v1/secrets?labelSelector=owner%3Dhelm', META);
await get('/api/v1/secrets?labelSelector=owner%3Dhelm%2Cstatus%21%3Dsuperseded');
await get('/api/v1/namespaces/team-7/secrets?labelSelector=owner%3Dhelm%2Cname%3Drel-7', META);
await get('/api/v1/namespaces/team-7/secrets?labelSelector=owner%3Dhelm%2Cname%3Drel-7');
await sb.stop();
process.exit(0);
