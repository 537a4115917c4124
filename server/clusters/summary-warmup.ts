/**
 * The overview is the console's landing page, and its cards wait for each cluster's summary: seven cluster-wide
 * lists (nodes, pods, workloads, events). Started only when the page subscribes, 20 clusters' 140 lists were
 * all in flight at once, so even the first card waited for nearly all of them (bench:overview). This starts a
 * cluster's summary when it connects, a few clusters at a time in the order the overview shows them, so the
 * first cards' summaries are complete first and a page opened meanwhile is answered from them at once.
 * A cluster that does not list within `waitMs` does not hold up the queue; a warmed tracker nobody subscribes
 * to stops after the summary service's idle time (its informers are released).
 */
import type { Logger } from 'pino';
import type { ClusterRegistry } from './registry';
import type { SummaryService } from './summary-service';

export interface SummaryWarmupOptions {
  /** clusters listed at once (default 3) */
  concurrency?: number;
  /** how long one cluster may take before the next one starts (default 5 s) */
  waitMs?: number;
}

export function warmSummaries(registry: ClusterRegistry, summary: Pick<SummaryService, 'warm'>, logger: Logger, o: SummaryWarmupOptions = {}): () => void {
  const concurrency = o.concurrency ?? 3;
  const waitMs = o.waitMs ?? 5_000;
  const queued = new Set<string>();
  let running = 0;
  let stopped = false;

  const next = () => {
    while (!stopped && running < concurrency && queued.size > 0) {
      // the overview's order (the registry's), whatever order the clusters connected in
      const order = registry.list().map((c) => c.id);
      const id = [...queued].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
      queued.delete(id);
      if (registry.get(id)?.state !== 'connected') continue;
      running++;
      const t0 = performance.now();
      summary
        .warm(id, waitMs)
        .then(
          (synced) => logger.debug({ cluster: id, synced, ms: Math.round(performance.now() - t0) }, 'summary warmed'),
          (e: unknown) => logger.debug({ cluster: id }, 'summary warm-up failed: %s', (e as Error).message),
        )
        .finally(() => {
          running--;
          next();
        });
    }
  };

  const want = (id: string) => {
    queued.add(id);
    next();
  };
  for (const c of registry.list()) if (c.state === 'connected') want(c.id);
  const off = registry.onState((e) => {
    if (e.state === 'connected') want(e.id);
  });
  return () => {
    stopped = true;
    off();
  };
}
