/**
 * Subresource handlers registered per resource ("<group>/<resource>/<subresource>"); status and scale
 * are served for every kind whose ServedKind lists them. Connect subresources (exec, attach,
 * portforward, proxy) and serviceaccounts/token are routed before this table, in server.ts.
 */
import type { ServedKind } from '../../../kinds';
import { csrApproval, namespaceFinalize } from './others';
import { podBinding, podEphemeralContainers, podEviction, podLog } from './pods';
import { handleScale } from './scale';
import { handleStatus } from './status';
import type { SubresourceHandler } from './types';

const PER_RESOURCE: ReadonlyMap<string, SubresourceHandler> = new Map<string, SubresourceHandler>([
  ['/pods/log', podLog],
  ['/pods/eviction', podEviction],
  ['/pods/binding', podBinding],
  ['/pods/ephemeralcontainers', podEphemeralContainers],
  ['/namespaces/finalize', namespaceFinalize],
  ['certificates.k8s.io/certificatesigningrequests/approval', csrApproval],
]);

const EVERY_KIND: ReadonlyMap<string, SubresourceHandler> = new Map<string, SubresourceHandler>([
  ['status', handleStatus],
  ['scale', handleScale],
]);

export function subresourceHandler(k: ServedKind, sub: string): SubresourceHandler | undefined {
  return PER_RESOURCE.get(`${k.group}/${k.resource}/${sub}`) ?? EVERY_KIND.get(sub);
}

export type { SubresourceHandler, SubresourceRequest } from './types';
