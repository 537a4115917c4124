/**
 * /metrics in the Prometheus text format: the API server's own request metrics under upstream's names and
 * labels (apiserver_request_total, apiserver_request_duration_seconds, apiserver_longrunning_requests,
 * apiserver_current_inflight_requests, apiserver_storage_objects), one registry per sandbox cluster.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ObjectStore } from '../store/store';
import type { KindRegistry } from './kind-registry';
import { storageKey } from './kind-registry';
import { requestAttributes } from './auth/request-info';

const LABELS = ['component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'] as const;
const CONNECT = new Set(['proxy', 'attach', 'exec', 'portforward']);
const BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

type Labels = Record<(typeof LABELS)[number], string>;

export class ApiServerMetrics {
  readonly registry = new Registry();
  private total = new Counter({
    name: 'apiserver_request_total',
    help: '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
    labelNames: ['code', ...LABELS],
    registers: [this.registry],
  });
  private duration = new Histogram({
    name: 'apiserver_request_duration_seconds',
    help: '[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
    labelNames: LABELS,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  private longrunning = new Gauge({
    name: 'apiserver_longrunning_requests',
    help: '[STABLE] Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
    labelNames: ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'],
    registers: [this.registry],
  });
  private inflight = new Gauge({
    name: 'apiserver_current_inflight_requests',
    help: '[STABLE] Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
    labelNames: ['request_kind'],
    registers: [this.registry],
  });

  constructor(store: ObjectStore, kinds: KindRegistry) {
    new Gauge({
      name: 'apiserver_storage_objects',
      help: '[STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.',
      labelNames: ['resource'],
      registers: [this.registry],
      collect() {
        this.reset();
        const seen = new Set<string>();
        for (const k of kinds.all()) {
          const key = storageKey(k);
          if (seen.has(key) || k.group === 'metrics.k8s.io' || !k.verbs.includes('list')) continue;
          seen.add(key);
          const n = store.count(key);
          this.set({ resource: k.group && key !== '/events' ? `${k.resource}.${k.group}` : k.resource }, n);
        }
      },
    });
    this.inflight.set({ request_kind: 'readOnly' }, 0);
    this.inflight.set({ request_kind: 'mutating' }, 0);
  }

  /** Counts one request once its response is over; long-running ones (watch, follow, connect) while open. */
  track(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const started = performance.now();
    const labels = requestLabels(req, url);
    const kind = ['GET', 'LIST', 'WATCH'].includes(labels.verb) ? 'readOnly' : 'mutating';
    this.inflight.inc({ request_kind: kind });
    const long = labels.verb === 'WATCH' || labels.verb === 'CONNECT' || url.searchParams.get('follow') === 'true';
    const { dry_run: _d, ...longLabels } = labels;
    if (long) this.longrunning.inc(longLabels);
    res.once('close', () => {
      this.inflight.dec({ request_kind: kind });
      if (long) this.longrunning.dec(longLabels);
      this.total.inc({ code: String(res.statusCode), ...labels });
      if (!long) this.duration.observe(labels, (performance.now() - started) / 1000);
    });
  }

  async serve(res: ServerResponse): Promise<void> {
    const text = await this.registry.metrics();
    res.writeHead(200, { 'Content-Type': this.registry.contentType, 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
  }
}

/** upstream's CleanVerb/CleanScope/cleanDryRun over the request's RequestInfo. */
function requestLabels(req: IncomingMessage, url: URL): Labels {
  const method = (req.method ?? 'GET').toUpperCase();
  const a = requestAttributes({ username: '', groups: [] }, method, url);
  const scope = !a.resourceRequest ? '' : a.name || a.verb === 'create' ? 'resource' : a.namespace ? 'namespace' : 'cluster';
  let verb = method === 'HEAD' ? 'GET' : method;
  if (verb === 'GET' && scope !== 'resource' && scope !== '') verb = 'LIST';
  if (a.verb === 'watch') verb = 'WATCH';
  if (verb === 'PATCH' && (req.headers['content-type'] ?? '').startsWith('application/apply-patch+yaml')) verb = 'APPLY';
  if (a.resourceRequest && CONNECT.has(a.subresource)) verb = 'CONNECT';
  return {
    component: 'apiserver',
    dry_run: url.searchParams.getAll('dryRun').sort().join(','),
    group: a.apiGroup,
    resource: a.resource,
    scope,
    subresource: a.subresource,
    verb,
    version: a.apiVersion,
  };
}
