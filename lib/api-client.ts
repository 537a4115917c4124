/**
 * Typed fetch helpers for the BFF REST contract (same origin). Every non-2xx answer becomes an
 * ApiRequestError carrying the server's typed error ({status, reason, message, cluster?, details?}),
 * so the UI can branch on status/reason and show the message verbatim (ARCHITECTURE convention 7).
 */
import { z } from 'zod';
import { apiError, type ApiError } from './protocol';
import { clusterSummary, clustersResponse, discoveryResponse } from './api-types';

export class ApiRequestError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly cluster?: string;
  readonly details?: unknown;
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.status = error.status;
    this.reason = error.reason;
    this.cluster = error.cluster;
    this.details = error.details;
  }
}

/** The message to show for any thrown value: the server's text verbatim when there is one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

async function toApiError(res: Response): Promise<ApiRequestError> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = apiError.safeParse(JSON.parse(text));
    if (parsed.success) return new ApiRequestError(parsed.data);
  } catch {
    // not JSON: fall through to a synthetic error that still keeps the body text
  }
  return new ApiRequestError({
    status: res.status,
    reason: res.statusText || 'Unknown',
    message: text.trim().slice(0, 500) || `${res.status} ${res.statusText}`,
  });
}

/**
 * GET/POST JSON from the BFF. With a schema, the body is validated (zod at every boundary); a
 * mismatch throws an ApiRequestError with reason 'InvalidResponse' rather than letting bad data in.
 */
export async function fetchJson<T = unknown>(
  url: string,
  init?: RequestInit & { schema?: z.ZodType<T> },
): Promise<T> {
  const { schema, ...rest } = init ?? {};
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers: { accept: 'application/json', ...(rest.body ? { 'content-type': 'application/json' } : {}), ...rest.headers },
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiRequestError({ status: 0, reason: 'NetworkError', message: errorMessage(err) });
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json();
  if (!schema) return body as T;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError({ status: res.status, reason: 'InvalidResponse', message: parsed.error.message });
  }
  return parsed.data;
}

// ---- URL builders: every segment encoded, '' group spelled 'core' as the BFF expects ----

const seg = encodeURIComponent;
export const urlGroup = (group: string) => (group === '' ? 'core' : group);

export function clusterApi(cluster: string, ...rest: string[]): string {
  return ['/api/clusters', seg(cluster), ...rest.map(seg)].join('/');
}

export function resourceListUrl(
  cluster: string,
  group: string,
  version: string,
  resource: string,
  opts: { namespace?: string; labelSelector?: string } = {},
): string {
  const qs = new URLSearchParams();
  if (opts.namespace) qs.set('namespace', opts.namespace);
  if (opts.labelSelector) qs.set('labelSelector', opts.labelSelector);
  const q = qs.toString();
  return clusterApi(cluster, 'resources', urlGroup(group), version, resource) + (q ? `?${q}` : '');
}

// ---- Contract shapes: the data-plane's schemas (lib/api-types.ts) ----

export type { ClusterInfo, DiscoveryResource, ClusterSummary, Problem, WarningEvent } from './api-types';

export const listResponse = z
  .object({
    items: z.array(
      z.object({ metadata: z.object({ name: z.string(), namespace: z.string().optional() }).passthrough() }).passthrough(),
    ),
    metadata: z.object({ resourceVersion: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type ListResponse = z.infer<typeof listResponse>;

export const getClusters = () => fetchJson('/api/clusters', { schema: clustersResponse });
export const getDiscovery = (cluster: string) => fetchJson(clusterApi(cluster, 'discovery'), { schema: discoveryResponse });
export const getSummary = (cluster: string) => fetchJson(clusterApi(cluster, 'summary'), { schema: clusterSummary });
export const listResources = (
  cluster: string,
  group: string,
  version: string,
  resource: string,
  opts?: { namespace?: string; labelSelector?: string },
) => fetchJson(resourceListUrl(cluster, group, version, resource, opts), { schema: listResponse });

/** Query keys for the non-resource BFF endpoints (resource keys live in lib/k8s/query-keys.ts). */
export const apiKeys = {
  clusters: () => ['api', 'clusters'] as const,
  discovery: (cluster: string) => ['api', 'discovery', cluster] as const,
  summary: (cluster: string) => ['api', 'summary', cluster] as const,
};
