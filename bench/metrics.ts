/**
 * `npm run bench:metrics`: usage history at scale, printed as ONE JSON line
 * {"pods","sampleMs","historyMb","chartMs","listSortMs"}.
 * A sandbox with the `scale` scenario (WHEELHOUSE_SANDBOX_PODS pods, default 50,000) and the BFF's data plane
 * in this process, its sampler driven by an injected clock:
 *  - sampleMs: one real sample (list PodMetrics + NodeMetrics over HTTPS, record), median of 3
 *  - historyMb: what the history occupies in the state store (embedded PGlite on disk, as a console runs by
 *    default) once 24 h of simulated time are recorded at 15 s: pg_total_relation_size (heap + TOAST + indexes,
 *    dead space not yet vacuumed included) of metrics_buckets, metrics_series and metrics_label_sets.
 *    5,760 samples of every pod's containers: 3 real, then the last real sample's values re-recorded through
 *    the same path (packing, rollups, retention, vacuum). The sampling replica's in-process index of the series
 *    (key → id) is not history and is printed to stderr (retained heap growth after GC).
 *  - chartMs: a 24 h chart of one workload: the BFF's history answer over HTTP plus the Metrics tab's chart
 *    component rendered in Chromium until its lines are drawn
 *  - listSortMs: the Pods list's rows (the registry's columns with the usage sample) sorted by CPU, the list
 *    table's own sort (lib/k8s/columns-sort.ts)
 * Also printed: chartFetchMs and chartDrawMs (the two parts of chartMs), chartSeries (the workload's pods) and
 * loadAvg (1-minute load average at the end).
 * Targets: historyMb ≤ 64, chartMs ≤ 300, listSortMs ≤ 150.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import type { AddressInfo } from 'node:net';
import { startSandboxCluster } from '@wheelhouse/sandbox/testing';
import { createDataPlane } from '../server/data-plane';
import { openStore } from '../server/store';
import { sql } from 'kysely';
import { nodeKey, podKey } from '../server/metrics/sampler';
import { R } from '@wheelhouse/sandbox/testing';
import { kindById } from '../lib/k8s/registry';
import { RowCache } from '../lib/k8s/table-model';
import { sortRowsFast } from '../lib/k8s/columns-sort';
import { buildUsageIndex } from '../lib/metrics/usage-model';
import type { MetricsHistory, UsageNow } from '../lib/metrics/api';
import type { K8sObject } from '../lib/k8s/types';

const PODS = Number(process.env.WHEELHOUSE_SANDBOX_PODS ?? 50_000);
const STEP = 15_000;
const DAY = 86_400_000;
const gc = (globalThis as { gc?: () => void }).gc;
const root = path.resolve(import.meta.dirname, '..');

function retained(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const progress = (what: string) => process.env.BENCH_VERBOSE && console.error(`[bench:metrics] ${what}`);

async function main() {
  if (!gc) throw new Error('run with --expose-gc (npm run bench:metrics does)');
  const logger = pino({ level: 'silent' });
  const sandbox = await startSandboxCluster({ name: 'bench', scenario: 'scale', pods: PODS, logger });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-metrics-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  const store = await openStore({ dataDir: path.join(dir, 'store') });
  let clock = Date.now();
  const dp = await createDataPlane({ kubeconfigFiles: [kubeconfig], inCluster: false, logger, env: {} as NodeJS.ProcessEnv, store, metrics: { timer: false, now: () => clock } });
  await dp.ready;
  const app = Fastify({ logger: false });
  await dp.registerRoutes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const cluster = dp.registry.list()[0]!.id;
  const client = async () => {
    for (;;) {
      try {
        return dp.registry.client(cluster);
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const kc = await client();

  // the kubelets report every pod once they have adopted it
  let items: unknown[] = [];
  for (;;) {
    items = (await kc.request<{ items: unknown[] }>({ path: '/apis/metrics.k8s.io/v1beta1/pods' })).items;
    progress(`${items.length} pod metrics`);
    if (items.length >= PODS * 0.99) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  const before = retained();
  const times: number[] = [];
  // on a loaded machine a 50,000-item list can outlast a health probe: failed samples are retried (not timed)
  for (let i = 0, failed = 0; i < 3; ) {
    clock += STEP;
    const t0 = performance.now();
    const m = await dp.sampler.sample(cluster);
    if (m.available && m.at === clock) {
      times.push(performance.now() - t0);
      i++;
    } else if (++failed > 10) throw new Error(`no metrics: ${m.reason}`);
    else {
      progress(`sample failed (${m.reason}); retrying`);
      while (dp.registry.list()[0]!.state !== 'connected') await new Promise((r) => setTimeout(r, 200));
    }
  }
  const sampleMs = times.sort((a, b) => a - b)[1]!;
  progress(`sampled in ${Math.round(sampleMs)} ms`);
  const m = dp.sampler.get(cluster)!;
  // the rest of the day re-records the last real sample's values straight into the history (parsing a list
  // 5,760 times would only time the parser)
  const entries = [
    ...m.pods.flatMap((p) => p.containers.map((c) => ({ key: podKey(p.ns, p.name, c.name), labelSet: p.labelSet, cpu: c.cpu, memory: c.memory }))),
    ...m.nodes.map((n) => ({ key: nodeKey(n.name), labelSet: m.history.internLabels(undefined), cpu: n.cpu, memory: n.memory })),
  ];
  const end = clock + DAY;
  for (let i = 0; clock < end; i++) {
    clock += STEP;
    await m.history.record(clock, entries);
    if (i % 240 === 0) progress(`${i} samples recorded`);
  }
  const size = await sql<{ bytes: number }>`select (pg_total_relation_size('metrics_buckets') + pg_total_relation_size('metrics_series') + pg_total_relation_size('metrics_label_sets'))::float8 as bytes`.execute(store.db);
  const historyMb = size.rows[0]!.bytes / 2 ** 20;
  console.error(`[bench:metrics] store: ${historyMb.toFixed(1)} MB of metrics tables; sampling replica's retained heap growth: ${((retained() - before) / 2 ** 20).toFixed(1)} MB`);

  // a minutes-long loop of a loaded machine can fail a health probe: the registry reconnects by itself
  for (let i = 0; dp.registry.list()[0]!.state !== 'connected'; i++) {
    if (i > 600) throw new Error(`the cluster did not reconnect: ${dp.registry.list()[0]!.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // a 24 h chart of one workload: the BFF's answer, then the chart drawn in Chromium
  const deploy = sandbox.client.list(R.deployments).items.find((d) => !d.metadata.namespace!.startsWith('kube-'))!;
  const selector = Object.entries((deploy as K8sObject).spec.selector.matchLabels as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
  const q = new URLSearchParams({ target: 'workload', namespace: deploy.metadata.namespace!, name: deploy.metadata.name!, selector, range: '24h' });
  // a connection the loaded minutes left half-closed can fail one request (503, ECONNRESET): the timed answer is
  // the first one that arrives whole
  let res: Response;
  let history: MetricsHistory;
  let fetchMs: number;
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    res = await fetch(`${url}/api/clusters/${cluster}/metrics/history?${q}`);
    history = (await res.json()) as MetricsHistory;
    fetchMs = performance.now() - t0;
    if (res.status !== 503 || attempt === 5) break;
    progress(`history answered 503, retrying (${JSON.stringify(history).slice(0, 200)})`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  if (!res.ok || !history.series?.length) throw new Error(`the workload has no history: ${res.status} ${JSON.stringify(history).slice(0, 300)}`);
  const bundle = await build({ entryPoints: [path.join(root, 'bench/metrics-chart-entry.tsx')], bundle: true, write: false, format: 'iife', jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' }, minify: true, alias: { '@': root }, logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent(`<!doctype html><style>.h-56{height:14rem}.w-full{width:100%}body{width:900px}</style><div id="root"></div><script>${bundle.outputFiles[0]!.text}</script>`);
  const drawn = await page.evaluate((h) => window.renderChart(h), history);
  await browser.close();
  const chartMs = fetchMs + drawn.ms;

  // the Pods list sorted by CPU
  const usage = (await (await fetch(`${url}/api/clusters/${cluster}/metrics/usage?kind=pods`)).json()) as UsageNow;
  const pods = sandbox.client.list(R.pods).items as unknown as K8sObject[];
  const kind = kindById('pods')!;
  const rows = new RowCache(kind.columns, { now: 0, usage: buildUsageIndex(usage) }).rows(pods);
  const s0 = performance.now();
  const sorted = sortRowsFast(rows, kind.columns, { columnId: 'cpu', desc: true });
  const listSortMs = performance.now() - s0;
  if (sorted.length !== pods.length) throw new Error('sort lost rows');

  console.log(
    JSON.stringify({
      pods: items.length,
      sampleMs: Math.round(sampleMs),
      historyMb: Math.round(historyMb * 10) / 10,
      chartMs: Math.round(chartMs),
      listSortMs: Math.round(listSortMs),
      chartFetchMs: Math.round(fetchMs),
      chartDrawMs: Math.round(drawn.ms),
      chartSeries: history.series.length,
      loadAvg: Math.round(os.loadavg()[0] * 10) / 10,
    }),
  );
  await app.close();
  await dp.stop();
  await store.close();
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
