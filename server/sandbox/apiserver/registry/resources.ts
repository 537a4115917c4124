/**
 * Resources that are not plain stored objects, each served by its own handler rather than the generic
 * store: metrics.k8s.io (from the runtime's metrics), the review APIs (answered, never stored),
 * ComponentStatuses (the simulated control plane's health) and the namespaced bindings collection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServedKind } from '../../kinds';
import { methodNotAllowed } from '../errors';
import { handleComponentStatus } from '../extra-kinds';
import { handleMetrics } from '../metrics';
import { handleBinding } from '../pod-subresources';
import { handleReview, REVIEW_GROUPS } from '../reviews';
import type { ResourcePath, ServerDeps } from '../server';

export type ResourceHandler = (deps: ServerDeps, rp: ResourcePath, method: string, url: URL, req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const review: ResourceHandler = (deps, rp, method, _url, req, res) => handleReview(deps, rp.kind, method, req, res, rp.namespace);

const BY_RESOURCE: ReadonlyMap<string, ResourceHandler> = new Map<string, ResourceHandler>([
  ['/componentstatuses', (deps, rp, method, _url, req, res) => handleComponentStatus(deps, rp, method, req, res)],
  [
    '/bindings',
    (deps, rp, method, url, req, res) => {
      if (method !== 'POST' || rp.name) throw methodNotAllowed();
      return handleBinding(deps, rp.namespace!, undefined, url, req, res);
    },
  ],
]);

export function resourceHandler(k: ServedKind): ResourceHandler | undefined {
  if (k.group === 'metrics.k8s.io') return handleMetrics;
  if (REVIEW_GROUPS.has(k.group)) return review;
  return BY_RESOURCE.get(`${k.group}/${k.resource}`);
}
