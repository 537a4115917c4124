/**
 * `npm run bench:history [-- --store pglite|postgres] [--seconds 60] [--rate 2000] [--rows 1000000]`: the change
 * recorder's throughput and the history query, printed as ONE JSON line
 * {"changesPerSec","lagP99Ms","rows","queryHourMs","recorderRssMb","store"}.
 * A sandbox cluster in a worker thread (history-sandbox-worker.ts; no simulated control plane, so every change
 * is the bench's own) gets `rate` ConfigMap updates per second for `seconds`; the console's history service in
 * this thread records them over HTTPS into the store.
 * changesPerSec: rows recorded per second from the drive's start to the last row seen (at most 30 s after the
 * drive). lagP99Ms: from each write to its row being visible in the store (polled every 20 ms). Then the table is
 * filled to `rows` rows by a bulk INSERT … SELECT over generate_series (14 days, 3 clusters, 50 namespaces) and
 * "the last hour in one namespace" (GET /api/changes' query, first page of 100) is timed: median of 5 after a
 * warm-up. recorderRssMb is this process's peak RSS during the drive (recorder, and PGlite when that is the
 * store; the sandbox's thread shares the process, so its heap counts too). Targets: lag p99
 * ≤ 2,000 ms and the query ≤ 200 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './history-sandbox-worker';
import { openStore } from '../server/store';
import { startPostgres, type TestPostgres } from '../server/store/testing';
import { ClusterRegistry } from '../server/clusters/registry';
import { DiscoveryCache } from '../server/clusters/discovery';
import { HistoryService } from '../server/history/service';
import { registryClusters } from '../server/history/clusters';
import { historyDb } from '../server/history/history-store';
import { queryChanges } from '../server/history/history-query';
import { changesQuery } from '../lib/history/types';

const { values: args } = parseArgs({
  options: { store: { type: 'string', default: 'pglite' }, seconds: { type: 'string', default: '60' }, rate: { type: 'string', default: '2000' }, rows: { type: 'string', default: '1000000' } },
});
const STORE = args.store === 'postgres' ? 'postgres' : 'pglite';
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const ROWS = Number(args.rows);
const OBJECTS = 1_000;
const NAMESPACES = 10;
const logger = pino({ level: process.env.BENCH_LOG ?? 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** the sandbox thread (TypeScript through tsx's loader, registered inside the worker) */
function startWorker() {
  const file = new URL('./history-sandbox-worker.ts', import.meta.url).href;
  const w = new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(file)}); }).catch((e) => { console.error(e); process.exit(1); });`, { eval: true });
  const waiters = new Map<string, (m: FromWorker) => void>();
  let onWrites: (items: [string, number][]) => void = () => undefined;
  w.on('message', (m: FromWorker) => {
    if (m.type === 'writes') onWrites(m.items);
    else waiters.get(m.type)?.(m);
  });
  w.on('error', (e) => {
    console.error(e);
    process.exit(1);
  });
  return {
    send: (m: ToWorker) => w.postMessage(m),
    next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
      return new Promise((r) => waiters.set(type, r as (m: FromWorker) => void));
    },
    onWrites: (cb: typeof onWrites) => (onWrites = cb),
    terminate: () => w.terminate(),
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-history-'));
  let pgServer: TestPostgres | undefined;
  if (STORE === 'postgres') pgServer = await startPostgres();
  const store = await openStore(pgServer ? { databaseUrl: await pgServer.createDatabase() } : { dataDir: path.join(dir, 'store') });
  const db = historyDb(store);
  const worker = startWorker();
  const readyP = worker.next('ready');
  worker.send({ type: 'start', objects: OBJECTS, namespaces: NAMESPACES });
  const ready = await readyP;
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, ready.kubeconfig);
  const registry = new ClusterRegistry({ files: [kubeconfig], inCluster: false, logger });
  await registry.ready;
  while (!registry.list().some((c) => c.state === 'connected')) await sleep(50);
  const cluster = registry.list()[0].id;
  const service = new HistoryService({ db, clusters: registryClusters(registry, new DiscoveryCache(registry, logger)), logger, renewMs: 5_000 });
  await service.tick();
  await service.recorder(cluster)?.synced();
  service.start();

  // the worker writes at RATE/s and reports each write's resourceVersion and time; rows are matched to them
  const written = new Map<string, number>();
  const lags: number[] = [];
  /** rows seen before their write was reported (the report comes every 100 ms) */
  const early = new Map<string, number>();
  worker.onWrites((items) => {
    for (const [rv, t] of items) {
      const seen = early.get(rv);
      if (seen === undefined) written.set(rv, t);
      else {
        lags.push(seen - t);
        early.delete(rv);
      }
    }
  });
  let lastId = Number((await db.selectFrom('history_changes').select(sql<number>`coalesce(max(id), 0)`.as('m')).executeTakeFirst())?.m ?? 0);
  let driveDone: { sent: number; seconds: number } | undefined;
  let doneAt = 0;
  const poll = async () => {
    const rows = await db.selectFrom('history_changes').select(['id', 'resource_version']).where('id', '>', lastId).orderBy('id').limit(10_000).execute();
    const now = performance.timeOrigin + performance.now();
    if (rows.length) lastSeen = now;
    for (const r of rows) {
      lastId = Math.max(lastId, Number(r.id));
      const t = written.get(r.resource_version);
      if (t === undefined) early.set(r.resource_version, now);
      else {
        lags.push(now - t);
        written.delete(r.resource_version);
      }
    }
  };
  let lastSeen = 0;
  const driveStart = performance.timeOrigin + performance.now();
  worker.send({ type: 'drive', seconds: SECONDS, rate: RATE });
  void worker.next('done').then((d) => {
    driveDone = d;
    doneAt = performance.now();
  });
  let rssMb = 0;
  while (!driveDone || ((written.size || lags.length < driveDone.sent) && performance.now() - doneAt < 30_000)) {
    await poll();
    rssMb = Math.max(rssMb, Math.round(process.memoryUsage().rss / 1e6));
    await sleep(20);
  }
  const recordedCount = lags.length;
  // recorded changes per second from the drive's start to the last row seen (catch-up after the drive included)
  const recordSeconds = Math.max(driveDone.seconds, (lastSeen - driveStart) / 1000);
  lags.sort((a, b) => a - b);
  const p99 = lags.length ? lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] : null;
  await service.stop();
  registry.stop();
  worker.send({ type: 'stop' });
  await worker.next('stopped');
  await worker.terminate();

  // fill to ROWS rows: 3 clusters, 50 namespaces, spread over 14 days, written in chunks so PGlite's memory stays flat
  const have = Number((await db.selectFrom('history_changes').select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
  const CHUNK = 100_000;
  for (let doneRows = 0; doneRows < ROWS - have; doneRows += CHUNK) {
    const n = Math.min(CHUNK, ROWS - have - doneRows);
    await sql`insert into history_changes (cluster, api_group, api_version, resource, kind, namespace, name, uid, resource_version, at, type, actor_name, actor_via, actor_manager, summary, diff, object, size)
      select 'cluster-' || (g % 3), 'apps', 'v1', 'deployments', 'Deployment', 'ns-' || (g % 50), 'app-' || (g % 5000), 'uid-' || (g % 5000), (${doneRows} + g)::text,
        now() - ((g + ${doneRows})::double precision / ${ROWS} * interval '14 days'), 'updated', 'kubectl-edit', 'manager', 'kubectl-edit',
        'image web=nginx:1.' || (g % 30) || ' → nginx:1.' || (g % 30 + 1),
        jsonb_build_array(jsonb_build_object('path', '/spec/template/spec/containers/0/image', 'op', 'replace', 'before', 'nginx:1.' || (g % 30), 'after', 'nginx:1.' || (g % 30 + 1))),
        jsonb_build_object('spec', jsonb_build_object('replicas', g % 7, 'template', jsonb_build_object('spec', jsonb_build_object('containers', jsonb_build_array(jsonb_build_object('name', 'web', 'image', 'nginx:1.' || (g % 30 + 1))))))),
        420
      from generate_series(1, ${n}) g`.execute(store.db);
  }
  await sql`analyze history_changes`.execute(store.db);
  const rows = Number((await db.selectFrom('history_changes').select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);

  const q = changesQuery.parse({ namespace: 'bench-3', since: new Date(Date.now() - 3600_000).toISOString() });
  const clusters = [cluster, 'cluster-0', 'cluster-1', 'cluster-2'];
  const timeQuery = async () => {
    const t = performance.now();
    const page = await queryChanges(db, q, clusters, async () => true);
    if (!page.items.length) throw new Error('the hour query found nothing');
    return performance.now() - t;
  };
  await timeQuery();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(await timeQuery());
  times.sort((a, b) => a - b);

  await store.close();
  await pgServer?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      changesPerSec: Math.round(recordedCount / recordSeconds),
      lagP99Ms: p99 === null ? null : Math.round(p99),
      rows,
      queryHourMs: Math.round(times[2] * 10) / 10,
      recorderRssMb: rssMb,
      store: STORE,
    }),
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
