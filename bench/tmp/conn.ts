import https from 'node:https';
import { startSandboxCluster } from '../../server/sandbox/cluster';
const c = await startSandboxCluster({ name: 'p', noRuntime: true });
const u = new URL(c.server);
const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });
let sockets = 0;
agent.on('free', () => {});
const origCreate = (agent as any).createConnection.bind(agent);
(agent as any).createConnection = (...a: any[]) => { sockets++; return origCreate(...a); };
function req(method: string, path: string, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const r = https.request({ host: u.hostname, port: u.port, path, method, ca: c.caPem, agent, headers: { Authorization: `Bearer ${c.token}`, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {}) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
    r.on('error', reject); if (body) r.write(body); r.end();
  });
}
const N = 2000; let next = 0;
const cpu0 = process.cpuUsage(); const t0 = performance.now();
await Promise.all(Array.from({ length: 8 }, async () => { for (;;) { const i = next++; if (i >= N) return; await req('GET', '/version'); } }));
let cpu = process.cpuUsage(cpu0);
console.log('GET /version', Math.round(performance.now() - t0), 'ms wall', Math.round((cpu.user + cpu.system) / 1000), 'ms cpu', 'sockets', sockets);
next = 0; const cpu1 = process.cpuUsage(); const t1 = performance.now();
await Promise.all(Array.from({ length: 8 }, async () => { for (;;) { const i = next++; if (i >= N) return; await req('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 'c' + i }, data: { a: 'x'.repeat(200) } })); } }));
cpu = process.cpuUsage(cpu1);
console.log('POST cm', Math.round(performance.now() - t1), 'ms wall', Math.round((cpu.user + cpu.system) / 1000), 'ms cpu', 'sockets', sockets);
agent.destroy(); await c.stop();
