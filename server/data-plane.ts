/**
 * The BFF's live data plane, assembled: cluster registry → discovery → watch hub (shared informers) →
 * socket fan-out and summary; REST routes under /api/clusters, /api/audit. main.ts owns the HTTP server and
 * socket.io instance and calls registerRoutes/attachSocket. Sandbox clusters are ordinary kubeconfig files here.
 * Per-person access: routes act as `req.identity` (server/api/common.ts), sockets as `socket.data.identity`,
 * and the access guard (server/watch/access-guard.ts) authorises every subscriber of a shared informer.
 */
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { ClusterRegistry } from './clusters/registry';
import { kubeconfigFiles } from './clusters/kubeconfig-source';
import { DiscoveryCache } from './clusters/discovery';
import { unavailable } from './k8s/errors';
import { SummaryService, type SummaryOptions } from './clusters/summary-service';
import { warmSummaries, type SummaryWarmupOptions } from './clusters/summary-warmup';
import { WatchHub, type Lease } from './watch/hub';
import { WatchFanout } from './watch/fanout';
import { attachSummarySocket } from './watch/summary-socket';
import { AccessReviewer } from './watch/access';
import { AccessGuard } from './watch/access-guard';
import { accessRoutes } from './api/access';
import { auditRoutes } from './api/audit-route';
import type { Store } from './store';
import { installErrorHandler } from './api/common';
import { resourceRoutes } from './api/resources';
import { clusterRoutes } from './api/clusters';
import { openapiRoutes } from './api/openapi';
import { workloadRoutes } from './api/workloads';
import { helmRoutes } from './api/helm';
import { compareRoutes } from './api/compare';
import { HelmService } from './helm/service';
import { HelmRecordWatch } from './helm/record-watch';
import { attachHelmSocket } from './helm/helm-socket';
import { createAuditLog, type AuditLog } from './audit';
import { MetricsSampler, type SamplerOptions } from './metrics/sampler';
import { ListActivity } from './watch/list-activity';
import { parsePrometheusSetting, PrometheusFinder } from './metrics/prometheus';
import { metricsRoutes } from './metrics/metrics-routes';
import { metricsDb } from './metrics/schema';
import { logRoutes } from './logs/download-route';
import { attachLogSocket } from './logs/log-socket';
import { createHistoryPlane, type HistoryPlaneOptions } from './history/plane';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/protocol';
import type { OverviewSnapshot } from '../lib/overview-snapshot';
import type { Identity } from './auth/identity';
import { buildOverviewSnapshot } from './overview-snapshot';

export interface DataPlaneOptions {
  kubeconfigFiles: string[];
  inCluster: boolean;
  /** mounted service account directory for in-cluster mode (default: the standard pod path) */
  serviceAccountDir?: string;
  logger: Logger;
  /** defaults: process.env (KUBECONFIG) */
  env?: NodeJS.ProcessEnv;
  /** tests and benchmarks shorten these */
  informerBackoff?: { initialMs: number; maxMs: number };
  lingerMs?: number;
  historyLimit?: number;
  batchMs?: number;
  kubeconfigPollMs?: number;
  /** how often a connected cluster is probed (GET /version; default 30 s) and how long a connect may take (5 s) */
  healthIntervalMs?: number;
  connectTimeoutMs?: number;
  summary?: SummaryOptions;
  /** start each cluster's summary when it connects (server/clusters/summary-warmup.ts); the console does, tests need not */
  summaryWarmup?: SummaryWarmupOptions;
  /** audit log of write operations (default: WHEELHOUSE_AUDIT_LOG file or stdout) */
  audit?: AuditLog;
  /** the state store: GET /api/audit reads it (without one, this process's in-memory ring) */
  store?: Store;
  /** how long access answers are cached and how often live subscriptions are re-checked (default 60 s) */
  accessTtlMs?: number;
  /** revisions kept per release by a rollback (helm's --history-max; default HELM_MAX_HISTORY or 10, 0 = unlimited) */
  helmMaxHistory?: number;
  /** metrics.k8s.io sampling (interval, series cap, clock) and WHEELHOUSE_PROMETHEUS overrides */
  metrics?: SamplerOptions & { prometheus?: string };
  /** the change history over the store (server/history); absent: no recorder and no /api/changes */
  history?: HistoryPlaneOptions;
}

export interface DataPlane {
  registry: ClusterRegistry;
  hub: WatchHub;
  /** per-subscriber authorization (its reviewer answers the access API too) */
  guard: AccessGuard;
  audit: AuditLog;
  /** usage history of every connected cluster (server/metrics) */
  sampler: MetricsSampler;
  /** resolves once the registry has loaded its config (not when clusters connect) */
  ready: Promise<void>;
  registerRoutes(app: FastifyInstance): Promise<void>;
  attachSocket(io: Server): void;
  /** the overview's server-rendered cluster list and ready summaries for `identity` (server/overview-snapshot.ts) */
  overviewSnapshot(identity: Identity, o?: { reviewMs?: number }): Promise<OverviewSnapshot>;
  /** fan-out counters, for the benchmark and diagnostics */
  stats(): { upstreamWatches: number; deltasSent: number; snapshotsSent: number; catchUpsSent: number };
  stop(): Promise<void>;
}

/** helm's own HELM_MAX_HISTORY (a non-negative integer) when set; else helm's default */
function helmMaxHistoryFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const v = env.HELM_MAX_HISTORY;
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

export async function createDataPlane(opts: DataPlaneOptions): Promise<DataPlane> {
  const logger = opts.logger.child({ component: 'data-plane' });
  const files = kubeconfigFiles(opts.kubeconfigFiles, opts.env ?? process.env, opts.inCluster);
  const registry = new ClusterRegistry({ files, inCluster: opts.inCluster, serviceAccountDir: opts.serviceAccountDir, logger, pollMs: opts.kubeconfigPollMs, healthIntervalMs: opts.healthIntervalMs, connectTimeoutMs: opts.connectTimeoutMs });
  const discovery = new DiscoveryCache(registry, logger);
  const hub = new WatchHub({ registry, logger, lingerMs: opts.lingerMs, historyLimit: opts.historyLimit, backoff: opts.informerBackoff });
  // with a store the usage history lives there, sampled by one replica per cluster (server/metrics/store-history.ts)
  const listActivity = new ListActivity();
  const sampler = new MetricsSampler(registry, logger.child({ component: 'metrics' }), {
    ...(opts.store ? { db: metricsDb(opts.store), replicaId: opts.history?.replicaId } : {}),
    holdOffMs: () => listActivity.holdOffMs(),
    ...opts.metrics,
  });
  // the summary's node usage comes from the sampler's list: one NodeMetrics list per cluster and interval
  const sampledNodes = (cluster: string) => {
    const m = sampler.get(cluster);
    return m?.available ? m.nodes.map((n) => ({ metadata: { name: n.name }, usage: { cpu: String(n.cpu), memory: String(n.memory) } })) : undefined;
  };
  const summary = new SummaryService(hub, registry, discovery, logger, { nodeMetrics: sampledNodes, ...opts.summary });
  const audit = opts.audit ?? createAuditLog();
  const access = new AccessReviewer(registry, { ttlMs: opts.accessTtlMs });
  const guard = new AccessGuard(hub, access, logger, opts.accessTtlMs);
  const helmLogger = logger.child({ component: 'helm' });
  const helmWatch = new HelmRecordWatch({ registry, logger: helmLogger });
  const helmDeps = { registry, discovery, access, logger: helmLogger, watch: helmWatch };
  const helm = new HelmService(helmDeps);
  const prometheus = new PrometheusFinder(registry, parsePrometheusSetting(opts.metrics?.prometheus), opts.metrics?.now);
  const fanouts: WatchFanout[] = [];
  const detach: (() => void)[] = [];
  const history = opts.history ? createHistoryPlane(opts.history, { registry, discovery, access, logger }) : undefined;

  // Discovery follows CRDs: one shared CRD informer per cluster invalidates the cache on any change.
  const crdLeases = new Map<string, Lease>();
  const watchCrds = (cluster: string) => {
    if (crdLeases.has(cluster) || !registry.get(cluster)) return;
    const lease = hub.acquire({ cluster, group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' });
    lease.feed.informer.onEvents(() => discovery.invalidate(cluster));
    crdLeases.set(cluster, lease);
  };
  detach.push(
    registry.onChange((c) => {
      discovery.invalidate(c.id);
      if (c.type === 'removed') {
        crdLeases.get(c.id)?.release();
        crdLeases.delete(c.id);
      }
    }),
    registry.onState((e) => {
      if (e.state !== 'connected') return;
      watchCrds(e.id);
      // every page of a cluster (and its overview card) starts from discovery: have it before anyone asks
      discovery.all(e.id).catch(() => undefined);
    }),
    ...(opts.summaryWarmup ? [warmSummaries(registry, summary, logger.child({ component: 'summary' }), opts.summaryWarmup)] : []),
    // a broken watch is often the first sign a cluster went away: probe it now rather than at the next health
    // check, so the overview says "unreachable" within seconds (a probe of a healthy cluster costs one GET)
    hub.onFeed((f, event) => {
      if (event !== 'created') return;
      f.informer.onState((s) => {
        if (s === 'reconnecting') registry.reportFailure(f.cluster, unavailable(f.cluster, f.informer.message ?? 'watch interrupted'));
      });
    }),
  );

  return {
    registry,
    hub,
    guard,
    audit,
    sampler,
    ready: registry.ready,
    async registerRoutes(app) {
      // one encapsulated scope: its content-type parsers and error handler do not leak to main.ts's routes
      await app.register(async (scope) => {
        installErrorHandler(scope, registry);
        await clusterRoutes(scope, { registry, discovery, summary, access, audit });
        await resourceRoutes(scope, { registry, discovery, audit });
        await openapiRoutes(scope, { registry, discovery });
        await workloadRoutes(scope, { registry, discovery, audit });
        await helmRoutes(scope, { registry, discovery, access, audit, helm, actions: { ...helmDeps, helm, maxHistory: opts.helmMaxHistory ?? helmMaxHistoryFromEnv(opts.env ?? process.env) } });
        await logRoutes(scope, { registry });
        await compareRoutes(scope, { registry, discovery });
        await accessRoutes(scope, { registry, access });
        await auditRoutes(scope, { audit, store: opts.store });
        await metricsRoutes(scope, { registry, sampler, access, prometheus, now: opts.metrics?.now });
        await history?.registerRoutes(scope);
      });
    },
    attachSocket(io) {
      const typed = io as Server<ClientToServerEvents, ServerToClientEvents>;
      fanouts.push(new WatchFanout(typed, hub, discovery, logger, guard, opts.batchMs));
      detach.push(listActivity.track(io));
      detach.push(attachSummarySocket(typed, summary, guard));
      detach.push(attachHelmSocket(typed, helmWatch, registry));
      detach.push(attachLogSocket(typed, { registry, hub, access, guard, logger }));
      history?.attachSocket(io);
    },
    overviewSnapshot: (identity, o) => buildOverviewSnapshot({ registry, summary, access, reviewMs: o?.reviewMs }, identity),
    stats() {
      const s = { upstreamWatches: hub.size, deltasSent: 0, snapshotsSent: 0, catchUpsSent: 0 };
      for (const f of fanouts) {
        s.deltasSent += f.stats.deltasSent;
        s.snapshotsSent += f.stats.snapshotsSent;
        s.catchUpsSent += f.stats.catchUpsSent;
      }
      return s;
    },
    async stop() {
      await history?.stop();
      for (const d of detach) d();
      for (const f of fanouts) f.stop();
      for (const l of crdLeases.values()) l.release();
      guard.stop();
      await sampler.stop();
      helmWatch.stop();
      summary.stop();
      hub.stop();
      registry.stop();
    },
  };
}
