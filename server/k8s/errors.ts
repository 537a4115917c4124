/**
 * The one error type of the BFF (ARCHITECTURE convention 7), parsed from a Kubernetes metav1.Status.
 * Callers branch on status/reason, never on message text; the UI shows message verbatim.
 */
import type { ApiError } from '../../lib/protocol';

export class K8sApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly cluster?: string;
  readonly details?: unknown;

  constructor(e: ApiError) {
    super(e.message);
    this.name = 'K8sApiError';
    this.status = e.status;
    this.reason = e.reason;
    this.cluster = e.cluster;
    this.details = e.details;
  }

  toJSON(): ApiError {
    const out: ApiError = { status: this.status, reason: this.reason, message: this.message };
    if (this.cluster !== undefined) out.cluster = this.cluster;
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

/** Reasons a real API server uses for each code, for Status bodies that lack one (and non-Status bodies). */
const reasonByCode: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonForCode(code: number): string {
  return reasonByCode[code] ?? (code >= 500 ? 'InternalError' : 'Unknown');
}

/** Builds the typed error from an HTTP status and the (possibly non-JSON) body the cluster sent. */
export function errorFromResponse(cluster: string, httpStatus: number, body: unknown): K8sApiError {
  const s = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  if (s && s.kind === 'Status') return errorFromStatus(cluster, s, httpStatus);
  const text = typeof body === 'string' ? body.slice(0, 500) : '';
  return new K8sApiError({
    status: httpStatus,
    reason: reasonForCode(httpStatus),
    message: text || `the server answered ${httpStatus}`,
    cluster,
  });
}

/** A metav1.Status (from a response body or a watch ERROR event). */
export function errorFromStatus(cluster: string, s: Record<string, unknown>, fallbackCode = 500): K8sApiError {
  const code = typeof s.code === 'number' && s.code > 0 ? s.code : fallbackCode;
  return new K8sApiError({
    status: code,
    reason: typeof s.reason === 'string' && s.reason ? s.reason : reasonForCode(code),
    message: typeof s.message === 'string' ? s.message : `the server answered ${code}`,
    cluster,
    details: s.details,
  });
}

export function unavailable(cluster: string, message: string): K8sApiError {
  return new K8sApiError({ status: 503, reason: 'ServiceUnavailable', message, cluster });
}

export function badRequest(message: string, cluster?: string, details?: unknown): K8sApiError {
  return new K8sApiError({ status: 400, reason: 'BadRequest', message, cluster, details });
}

export function notFound(message: string, cluster?: string, details?: unknown): K8sApiError {
  return new K8sApiError({ status: 404, reason: 'NotFound', message, cluster, details });
}

/** Anything thrown → the typed error; transport failures become 503 so the UI can say "unreachable". */
export function toApiError(err: unknown, cluster?: string): K8sApiError {
  if (err instanceof K8sApiError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new K8sApiError({ status: 500, reason: 'InternalError', message: msg, cluster });
}
