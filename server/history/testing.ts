/**
 * Test support for the change history (not a test file): one sandbox cluster reached over HTTPS through a
 * kubeconfig (registry + discovery, as in the console), a history service on a store with an injected clock,
 * and small helpers to write objects over HTTP with a named field manager and to read the recorded rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { ClusterRegistry } from '../clusters/registry';
import { DiscoveryCache } from '../clusters/discovery';
import { quietLogger, eventually } from '../watch/testing';
import { queryString } from '../k8s/paths';
import type { ChangeRecord } from '../../lib/history/types';
import { registryClusters } from './clusters';
import { HistoryService, type HistoryServiceOptions } from './service';
import { toRecord, RECORD_COLUMNS, type HistoryDb } from './history-store';

export interface HistoryHarness {
  sandbox: SandboxCluster;
  registry: ClusterRegistry;
  discovery: DiscoveryCache;
  cluster: string;
  /** the injected clock: tests move it (lease expiry), never sleep */
  clock: { now: number };
  service(o?: Partial<HistoryServiceOptions>): HistoryService;
  /** a write over HTTPS as `manager` (?fieldManager=) */
  write<T = Record<string, unknown>>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', p: string, body?: unknown, manager?: string): Promise<T>;
  close(): Promise<void>;
}

export async function startHistoryHarness(name = 'hist'): Promise<HistoryHarness> {
  const sandbox = await startSandboxCluster({ name, noRuntime: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-hist-'));
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(file, sandbox.kubeconfig);
  const registry = new ClusterRegistry({ files: [file], inCluster: false, logger: quietLogger });
  await registry.ready;
  const cluster: string = await eventually<string | undefined>(() => registry.list().find((c) => c.state === 'connected')?.id, 10_000, 'the sandbox to connect') as string;
  const discovery = new DiscoveryCache(registry, quietLogger);
  const clock = { now: Date.now() };
  const services: HistoryService[] = [];
  return {
    sandbox,
    registry,
    discovery,
    cluster,
    clock,
    service(o = {}) {
      const svc = new HistoryService({
        db: o.db!,
        clusters: registryClusters(registry, discovery),
        logger: quietLogger,
        now: () => new Date(clock.now),
        flushMs: 20,
        ...o,
      });
      services.push(svc);
      return svc;
    },
    write(method, p, body, manager) {
      const [base, q] = p.split('?');
      const qs = manager && method !== 'DELETE' ? queryString({ fieldManager: manager }) : '';
      const contentType = method === 'PATCH' ? 'application/merge-patch+json' : undefined;
      return registry.client(cluster).request({ method, path: base + (qs || (q ? `?${q}` : '')), body, contentType });
    },
    async close() {
      for (const s of services) await s.stop().catch(() => undefined);
      registry.stop();
      await Promise.race([sandbox.stop(), new Promise((r) => setTimeout(r, 3_000).unref())]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every recorded change of `uid` (or all), oldest first. */
export async function recorded(db: HistoryDb, where: { uid?: string; name?: string } = {}): Promise<ChangeRecord[]> {
  let q = db.selectFrom('history_changes').select(RECORD_COLUMNS).orderBy('id');
  if (where.uid) q = q.where('uid', '=', where.uid);
  if (where.name) q = q.where('name', '=', where.name);
  return (await q.execute()).map(toRecord);
}
