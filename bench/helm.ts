/**
 * `npm run bench:helm`: Helm releases at scale, printed as ONE JSON line {"releases","revisions","listMs","detailMs"}
 * ("revisions" per release).
 * A sandbox (no simulated kubelets) holds BENCH_HELM_RELEASES releases (default 2,000) × BENCH_HELM_REVISIONS
 * revisions (default 10) as Secrets written in Helm's exact storage format across 20 namespaces; the BFF's data
 * plane serves the Helm API over HTTP:
 *  - listMs: GET /api/clusters/<c>/helm/releases, the FIRST (cold) list: a metadata-only list of every record and
 *    at most 300 ms of decoding latest records for the chart columns (the rest follows in the background; stderr
 *    says when they were complete and how long a warm list took)
 *  - detailMs: GET of one release's detail (discovery cached, as every page has it): its records read and
 *    decoded, values coalesced, manifest resolved
 * Budgets (issue 20): listMs ≤ 1,000, detailMs ≤ 300.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pino from 'pino';
import { startSandboxCluster } from '@wheelhouse/sandbox/testing';
import { releaseSecret, type ReleaseRecord } from '@wheelhouse/sandbox/testing';
import { createDataPlane } from '../server/data-plane';
import { createAuditLog } from '../server/audit';
import { R } from '@wheelhouse/sandbox/testing';
import type { KObject } from '@wheelhouse/sandbox/testing';

const RELEASES = Number(process.env.BENCH_HELM_RELEASES ?? 2_000);
const REVISIONS = Number(process.env.BENCH_HELM_REVISIONS ?? 10);
const NAMESPACES = 20;

function manifest(name: string, rev: number): string {
  const labels = `    app.kubernetes.io/name: app\n    app.kubernetes.io/instance: ${name}\n    app.kubernetes.io/managed-by: Helm\n    helm.sh/chart: app-1.${rev}.0\n`;
  return (
    `---\n# Source: app/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  labels:\n${labels}spec:\n  ports:\n    - port: 80\n      targetPort: http\n  selector:\n    app.kubernetes.io/instance: ${name}\n` +
    `---\n# Source: app/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  labels:\n${labels}data:\n  LOG_LEVEL: info\n  REVISION: "${rev}"\n` +
    `---\n# Source: app/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels:\n${labels}spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app.kubernetes.io/instance: ${name}\n  template:\n    metadata:\n      labels:\n${labels.replace(/^/gm, '    ')}    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/app:1.${rev}.0\n          ports:\n            - name: http\n              containerPort: 8080\n`
  );
}

function record(i: number, rev: number): KObject {
  const name = `rel-${i}`;
  const r: ReleaseRecord = {
    name,
    namespace: `team-${i % NAMESPACES}`,
    version: rev,
    status: rev === REVISIONS ? 'deployed' : 'superseded',
    description: rev === REVISIONS ? 'Upgrade complete' : 'Superseded',
    firstDeployed: new Date(Date.UTC(2026, 0, 1)),
    lastDeployed: new Date(Date.UTC(2026, 0, 1 + rev)),
    notes: `Visit http://${name}.example.test\n`,
    chart: { name: 'app', version: `1.${rev}.0`, appVersion: `2.${rev}.0`, description: 'An app' },
    templates: { 'templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\n...\n', 'templates/service.yaml': 'apiVersion: v1\nkind: Service\n...\n' },
    defaults: { replicaCount: 1, image: { repository: 'ghcr.io/example/app', tag: '' }, service: { port: 80 } },
    config: { replicaCount: 2, image: { tag: `1.${rev}.0` } },
    manifest: manifest(name, rev),
    hooks: [],
  };
  return releaseSecret(r);
}

async function main(): Promise<void> {
  const sandbox = await startSandboxCluster({ name: 'bench-helm', scenario: 'empty', noRuntime: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-helm-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  const c = sandbox.client;
  for (let n = 0; n < NAMESPACES; n++) c.create(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } });
  const batch: KObject[] = [];
  for (let i = 0; i < RELEASES; i++) for (let rev = 1; rev <= REVISIONS; rev++) batch.push(record(i, rev));
  if (c.createSeeded) c.createSeeded(R.secrets, batch);
  else for (const o of batch) c.create(R.secrets, o);

  const logger = pino({ level: 'silent' });
  const dp = await createDataPlane({ kubeconfigFiles: [kubeconfig], inCluster: false, logger, env: {} as NodeJS.ProcessEnv, audit: createAuditLog({ destination: new Writable({ write: (_c, _e, cb) => cb() }) }) });
  await dp.ready;
  const app = Fastify({ logger: false });
  await dp.registerRoutes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const cluster = dp.registry.list()[0]!.id;
  for (let i = 0; i < 200 && dp.registry.get(cluster)?.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));

  const timed = async (url: string) => {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as { releases?: unknown[]; history?: unknown[]; message?: string };
    if (!res.ok) throw new Error(`${url}: ${res.status} ${body.message ?? ''}`);
    return { ms: Math.round(performance.now() - t0), body };
  };
  const list = await timed(`${base}/api/clusters/${cluster}/helm/releases`);
  // the chart columns the first list did not wait for (stderr: the one JSON line stays alone on stdout)
  const t0 = performance.now();
  for (;;) {
    const again = (await timed(`${base}/api/clusters/${cluster}/helm/releases`)).body as { releases: { chartPending?: boolean }[] };
    if (!again.releases.some((r) => r.chartPending)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const warm = await timed(`${base}/api/clusters/${cluster}/helm/releases`);
  console.error(`chart columns complete ${Math.round(performance.now() - t0)} ms after the first list; a warm list took ${warm.ms} ms`);
  // discovery is loaded once per cluster by every page (sidebar); the detail is measured with it cached
  await timed(`${base}/api/clusters/${cluster}/discovery`);
  const detail = await timed(`${base}/api/clusters/${cluster}/helm/releases/team-7/rel-7`);
  if (list.body.releases?.length !== RELEASES) throw new Error(`listed ${list.body.releases?.length} releases, expected ${RELEASES}`);
  if (detail.body.history?.length !== REVISIONS) throw new Error(`detail has ${detail.body.history?.length} revisions, expected ${REVISIONS}`);
  console.log(JSON.stringify({ releases: RELEASES, revisions: REVISIONS, listMs: list.ms, detailMs: detail.ms }));

  await dp.stop();
  await app.close();
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
