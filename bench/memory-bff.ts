/**
 * bench:memory child process: the BFF alone (data plane + socket.io), so its memory is measured without the
 * sandbox or the clients. Talks to the orchestrator over IPC: sends {type:'listening', port, baselineRssMb}
 * (after start-up and a GC), answers {type:'stats'} with the RSS and heap after a GC and the cached objects.
 */
import Fastify from 'fastify';
import { Server } from 'socket.io';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import { createDataPlane } from '../server/data-plane';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/protocol';

const i = process.argv.indexOf('--kubeconfig');
const kubeconfig = i >= 0 ? process.argv[i + 1] : '';
const logger = pino({ level: 'silent' });
const gc = (globalThis as { gc?: () => void }).gc;

const mb = (n: number) => Math.round(n / 1024 / 102.4) / 10;
function settle(): { rss: number; heap: number } {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

const app = Fastify({ logger: false });
const io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, { path: '/socket.io', transports: ['websocket'] });
const dp = await createDataPlane({ kubeconfigFiles: [kubeconfig], inCluster: false, logger, env: {} as NodeJS.ProcessEnv });
await dp.ready;
await dp.registerRoutes(app);
dp.attachSocket(io);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = settle();

process.on('message', (m: { type: string }) => {
  if (m.type === 'stats') {
    const now = settle();
    const objects = dp.hub.list().reduce((a, f) => a + f.informer.size, 0);
    const pods = dp.hub.list().filter((f) => f.resource === 'pods').reduce((a, f) => a + f.informer.size, 0);
    process.send!({ type: 'stats', objects, pods, rssMb: mb(now.rss), heapMb: mb(now.heap), rssGrowth: now.rss - base.rss, heapGrowth: now.heap - base.heap });
  } else if (m.type === 'stop') {
    void (async () => {
      io.close();
      await dp.stop();
      await app.close();
      process.exit(0);
    })();
  }
});
process.send!({ type: 'listening', port: (app.server.address() as AddressInfo).port, baselineRssMb: mb(base.rss) });
