/**
 * The app's URL scheme in one place (pure, tested):
 *   /                                                      overview
 *   /c/:cluster                                            cluster dashboard
 *   /c/:cluster/r/:group/:version/:resource                list ('core' = core group)
 *   /c/:cluster/r/:group/:version/:resource/:ns/:name      object ('_' = cluster-scoped)
 * The namespace selection travels as ?ns=a,b so URLs can be shared and reloaded.
 */
import { groupFromSegment, groupSegment } from '@/lib/k8s/client/ref';

export interface RouteInfo {
  cluster?: string;
  /** '' for the core group */
  group?: string;
  version?: string;
  resource?: string;
  /** undefined for cluster-scoped objects */
  namespace?: string;
  name?: string;
}

const dec = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function parseRoute(pathname: string): RouteInfo {
  const p = pathname.split('?')[0]!.split('/').filter(Boolean).map(dec);
  if (p[0] !== 'c' || !p[1]) return {};
  const info: RouteInfo = { cluster: p[1] };
  if (p[2] === 'r' && p[3] && p[4] && p[5]) {
    info.group = groupFromSegment(p[3]);
    info.version = p[4];
    info.resource = p[5];
    if (p[6] && p[7]) {
      info.namespace = p[6] === '_' ? undefined : p[6];
      info.name = p[7];
    }
  }
  return info;
}

const enc = encodeURIComponent;

export function withNs(href: string, ns?: readonly string[]): string {
  if (!ns || ns.length === 0) return href;
  return `${href}?ns=${ns.map(enc).join(',')}`;
}

export const clusterHref = (cluster: string, ns?: readonly string[]) => withNs(`/c/${enc(cluster)}`, ns);

export function listHref(
  cluster: string,
  group: string,
  version: string,
  resource: string,
  ns?: readonly string[],
): string {
  return withNs(`/c/${enc(cluster)}/r/${enc(groupSegment(group))}/${enc(version)}/${enc(resource)}`, ns);
}

export function objectHref(
  cluster: string,
  group: string,
  version: string,
  resource: string,
  namespace: string | undefined | null,
  name: string,
): string {
  return `/c/${enc(cluster)}/r/${enc(groupSegment(group))}/${enc(version)}/${enc(resource)}/${enc(namespace || '_')}/${enc(name)}`;
}

/** Parses ?ns=a,b into a sorted, de-duplicated list of valid namespace names. */
export function parseNsParam(value: string | null | undefined): string[] {
  if (!value) return [];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) && s.length <= 63);
  return [...new Set(names)].sort();
}
