/** The "Open" links of ports (pods, Services) through the BFF's proxy route, and its sandbox policy. */
import { z } from 'zod';
import '../zod-browser';

/** a port number or an IANA-style port name (what pods/proxy and services/proxy accept after the colon) */
export const portRef = z.string().regex(/^([1-9][0-9]{0,4}|[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?)$/, 'must be a port number or name');

/**
 * Every proxied answer's only CSP: an opaque-origin sandbox (no allow-same-origin, no top navigation), scripts and
 * forms allowed so the app still works inside it.
 */
export const PROXY_SANDBOX_CSP = 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads';

export function proxyUrl(cluster: string, kind: 'pods' | 'services', namespace: string, name: string, port: string | number): string {
  const s = encodeURIComponent;
  return `/api/proxy/${s(cluster)}/${kind}/${s(namespace)}/${s(name)}/${s(String(port))}/`;
}
