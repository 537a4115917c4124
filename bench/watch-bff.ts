/**
 * bench:watch child process: the BFF under test, so its CPU and memory are measured alone.
 *   --mode shared  the real data plane (one informer per resource, socket.io rooms, batching)
 *   --mode naive   the per-client design of other consoles: every socket subscription opens its own
 *                  upstream list+watch and forwards each event to that socket as it arrives
 * Talks to the orchestrator over IPC: sends {type:'listening', port}, answers {type:'stats'} requests.
 */
import Fastify from 'fastify';
import { Server } from 'socket.io';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDataPlane } from '../server/data-plane';
import { ClusterRegistry } from '../server/clusters/registry';
import { Informer } from '../server/k8s/informer';
import { Stage } from './watch-stages';
import { subscribeRequest, type ClientToServerEvents, type ServerToClientEvents, type WireObject } from '../lib/protocol';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const mode = arg('mode', 'shared');
const kubeconfig = arg('kubeconfig', '');
const logger = pino({ level: 'silent' });

let upstreamWatches = () => 0;
/** sandbox write → the BFF's informer receives it: splits latency into upstream vs fan-out */
const arrivals = new Stage();
/** sandbox write → the fan-out hands it to socket.io (one room broadcast per batch) */
const emits = new Stage();
/** delta frames written to sockets (one per member per batch): what the batch window trades latency for */
let deltaWrites = 0;
const recordArrival = (events: { object: { metadata: Record<string, unknown> } }[]) => arrivals.recordEvents(events);
let stopAll = async () => {};

const app = Fastify({ logger: false });
const io = new Server<ClientToServerEvents, ServerToClientEvents>(app.server, { path: '/socket.io', transports: ['websocket'] });

if (mode === 'shared') {
  const dp = await createDataPlane({ kubeconfigFiles: [kubeconfig], inCluster: false, logger, env: {} as NodeJS.ProcessEnv });
  await dp.ready;
  await dp.registerRoutes(app);
  dp.attachSocket(io);
  type Adapter = { rooms: Map<string, Set<string>>; broadcast(packet: { data?: unknown[] }, opts: { rooms: Set<string> }): void };
  const adapter = io.of('/').adapter as unknown as Adapter;
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    if (packet.data?.[0] === 'delta') {
      emits.recordEvents((packet.data[1] as { events?: never[] }).events);
      for (const r of opts.rooms) deltaWrites += adapter.rooms.get(r)?.size ?? 0;
    }
    broadcast(packet, opts);
  };
  // the pod list's informers (the data plane also keeps a CRD watch per cluster for discovery)
  upstreamWatches = () => dp.hub.list().filter((f) => f.resource === 'pods').length;
  dp.hub.onFeed((f, ev) => {
    if (ev === 'created' && f.resource === 'pods') f.informer.onEvents(recordArrival);
  });
  stopAll = () => dp.stop();
} else {
  const registry = new ClusterRegistry({ files: [kubeconfig], inCluster: false, logger, maxConcurrent: 1000 });
  await registry.ready;
  const informers = new Set<Informer>();
  upstreamWatches = () => informers.size;
  let firstSocket: unknown;
  io.on('connection', (socket) => {
    firstSocket ??= socket;
    const mine: Informer[] = [];
    socket.on('subscribe', (raw, ack) => {
      const p = subscribeRequest.safeParse(raw);
      if (!p.success) return ack({ ok: false, error: { status: 400, reason: 'BadRequest', message: 'bad request' } });
      const r = p.data;
      const subId = String(mine.length);
      const inf = new Informer({
        client: () => registry.client(r.cluster),
        cluster: r.cluster,
        group: r.group,
        version: r.version,
        resource: r.resource,
        namespace: r.namespace,
        logger,
      });
      mine.push(inf);
      informers.add(inf);
      ack({ ok: true, subId });
      inf.whenSynced().then(() => {
        socket.emit('snapshot', { subId, items: inf.items() as WireObject[], resourceVersion: inf.resourceVersion });
        inf.onEvents((events, rv) => {
          if (mine[0] === inf && socket === firstSocket) recordArrival(events);
          socket.emit('delta', { subId, events: events as never, resourceVersion: rv });
        });
      });
      inf.start();
    });
    socket.on('disconnect', () => {
      for (const i of mine) {
        i.stop();
        informers.delete(i);
      }
    });
  });
  stopAll = async () => {
    for (const i of informers) i.stop();
    registry.stop();
  };
}

// peak, not final: under overload a naive proxy's sockets time out and take their watches with them
let peakWatches = 0;
setInterval(() => (peakWatches = Math.max(peakWatches, upstreamWatches())), 100).unref();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let cpu = process.cpuUsage();
let since = process.hrtime.bigint();
let maxRss = 0;
const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage.rss())), 250);

process.on('message', async (m: { type: string; firstSeq?: number }) => {
  if (m.type === 'reset') {
    deltaWrites = 0;
    arrivals.reset(m.firstSeq);
    emits.reset(m.firstSeq);
    loopDelay.reset();
    cpu = process.cpuUsage();
    since = process.hrtime.bigint();
    maxRss = process.memoryUsage.rss();
    process.send!({ type: 'reset-done' });
  } else if (m.type === 'stats') {
    const d = process.cpuUsage(cpu);
    const wallUs = Number(process.hrtime.bigint() - since) / 1000;
    process.send!({
      type: 'stats',
      upstreamWatches: Math.max(peakWatches, upstreamWatches()),
      cpuPct: ((d.user + d.system) / wallUs) * 100,
      cpuMs: (d.user + d.system) / 1000,
      deltaWrites,
      rssMb: Math.max(maxRss, process.memoryUsage.rss()) / 2 ** 20,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      upstreamP50: arrivals.pct(0.5),
      upstreamP99: arrivals.pct(0.99),
      emitP50: emits.pct(0.5),
      emitP99: emits.pct(0.99),
    });
  } else if (m.type === 'stop') {
    clearInterval(rssTimer);
    io.close();
    await stopAll();
    await app.close();
    process.exit(0);
  }
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ type: 'listening', port: (app.server.address() as AddressInfo).port });
