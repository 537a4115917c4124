/* eslint-disable @typescript-eslint/no-explicit-any -- Services and Pods are untyped JSON (KObject) */
/**
 * The default in-cluster HTTP seen from a container: names resolve like cluster DNS (<svc>, <svc>.<ns>,
 * <svc>.<ns>.svc[.cluster.local], pod IPs, cluster IPs) and, with no simulated server behind them, a resolved
 * address refuses the connection the way curl reports it. Replace Userlands.httpFetch to serve content.
 */
import type { SandboxClient } from '../../types';
import type { HttpFetch } from './process';

const R = {
  services: { group: '', version: 'v1', resource: 'services' },
  pods: { group: '', version: 'v1', resource: 'pods' },
};

/** The address a host name resolves to inside the cluster, or undefined (curl: "Could not resolve host"). */
export function resolveClusterHost(client: SandboxClient, host: string, namespace = 'default'): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  const parts = host.replace(/\.$/, '').replace(/\.cluster\.local$/, '').replace(/\.svc$/, '').split('.');
  const [name, ns = namespace] = parts;
  if (parts.length > 2) return undefined;
  const svc = client.get(R.services, ns, name) as any;
  if (svc) return svc.spec?.clusterIP && svc.spec.clusterIP !== 'None' ? svc.spec.clusterIP : undefined;
  return undefined;
}

export function defaultHttpFetch(client: SandboxClient): HttpFetch {
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return Promise.reject(new Error('(3) URL using bad/illegal format or missing URL'));
    }
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    const ip = resolveClusterHost(client, u.hostname);
    if (!ip) return Promise.reject(new Error(`(6) Could not resolve host: ${u.hostname}`));
    return Promise.reject(new Error(`(7) Failed to connect to ${u.hostname} port ${port} after 0 ms: Couldn't connect to server`));
  };
}
