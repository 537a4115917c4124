/** metrics.k8s.io/v1beta1 pods and nodes, read-only, from the runtime's MetricsProvider. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../types';
import { parseLabelSelector } from '../store/selectors';
import { methodNotAllowed, notFound, notFoundPath } from './errors';
import { sendJson } from './http-util';
import type { ResourcePath, ServerDeps } from './server';

export function handleMetrics(deps: ServerDeps, rp: ResourcePath, method: string, url: URL, _req: IncomingMessage, res: ServerResponse): void {
  const m = deps.metrics;
  if (!m) throw notFoundPath();
  if (method !== 'GET') throw methodNotAllowed();
  if (rp.sub) throw notFoundPath();
  const pods = rp.kind.resource === 'pods';
  let items: KObject[] = pods ? m.podMetrics(rp.namespace) : m.nodeMetrics();
  if (rp.namespace && pods) items = items.filter((i) => i.metadata.namespace === rp.namespace);
  if (rp.name) {
    const one = items.find((i) => i.metadata.name === rp.name);
    if (!one) throw notFound('metrics.k8s.io', rp.kind.resource, rp.name);
    return sendJson(res, 200, one);
  }
  const sel = parseLabelSelector(url.searchParams.get('labelSelector') ?? undefined);
  if (sel) items = items.filter(sel);
  sendJson(res, 200, { kind: pods ? 'PodMetricsList' : 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}
