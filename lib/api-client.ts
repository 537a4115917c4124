/**
 * Typed fetch helpers for the BFF REST contract (same origin). Every non-2xx answer becomes an
 * ApiRequestError carrying the server's typed error ({status, reason, message, cluster?, details?}),
 * so the UI can branch on status/reason and show the message verbatim (ARCHITECTURE convention 7).
 * Every request goes through `apiFetch`: mutating methods carry the session's CSRF header, and a 401 outside
 * /api/auth/* sends the browser to /login (lib/auth-client.ts).
 */
import type { z } from 'zod';
import { apiError, type ApiError } from './protocol';
import { CSRF_HEADER } from './auth-types';
import { csrfToken, handleUnauthorized } from './auth-client';

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

/** The typed error of a non-2xx answer (the server's apiError body, or a synthetic one keeping the body text). */
export async function toApiError(res: Response): Promise<ApiRequestError> {
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
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Login endpoints need the Origin check only: there is no session (and so no CSRF token) yet. */
const NO_CSRF = new Set(['/api/auth/login', '/api/auth/token']);

/**
 * fetch for the BFF: same-origin credentials, the CSRF header on POST/PUT/PATCH/DELETE, and a 401 outside
 * /api/auth/* hands over to the login redirect. A 403 on a mutation is retried once when the session's CSRF
 * token turns out to have changed (a login in another tab rotates it); any other 403 is returned as is.
 * Network failures throw an ApiRequestError with reason 'NetworkError'; HTTP errors are returned, not thrown.
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const path = url.split('?')[0]!;
  const needsCsrf = MUTATING.has(method) && !NO_CSRF.has(path);
  const send = async (token: string | undefined) => {
    const headers = new Headers(init.headers);
    if (token) headers.set(CSRF_HEADER, token);
    try {
      return await fetch(url, { ...init, headers, credentials: 'same-origin' });
    } catch (err) {
      throw new ApiRequestError({ status: 0, reason: 'NetworkError', message: errorMessage(err) });
    }
  };
  const token = needsCsrf ? await csrfToken() : undefined;
  let res = await send(token);
  if (res.status === 403 && needsCsrf) {
    const fresh = await csrfToken(true);
    if (fresh && fresh !== token) res = await send(fresh);
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) handleUnauthorized();
  return res;
}

export async function fetchJson<T = unknown>(
  url: string,
  init?: RequestInit & { schema?: z.ZodType<T> },
): Promise<T> {
  const { schema, ...rest } = init ?? {};
  const res = await apiFetch(url, {
    ...rest,
    headers: { accept: 'application/json', ...(rest.body ? { 'content-type': 'application/json' } : {}), ...rest.headers },
  });
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

// URLs, query keys and the contract's read functions live in lib/k8s/client (the one resource-access layer).
export type { ClusterInfo, DiscoveryResource, ClusterSummary, Problem, WarningEvent } from './api-types';
