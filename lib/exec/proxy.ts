/** The proxy route's port reference and sandbox policy (the "Open" URL is execUrls.proxy in lib/k8s/client). */
import { z } from 'zod';
import '../zod-browser';

/** a port number or an IANA-style port name (what pods/proxy and services/proxy accept after the colon) */
export const portRef = z.string().regex(/^([1-9][0-9]{0,4}|[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?)$/, 'must be a port number or name');

/**
 * Every proxied answer's only CSP: an opaque-origin sandbox (no allow-same-origin, no top navigation), scripts and
 * forms allowed so the app still works inside it.
 */
export const PROXY_SANDBOX_CSP = 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads';
