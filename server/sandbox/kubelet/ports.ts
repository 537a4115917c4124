/**
 * The kubelets' network side as the API server reaches it (PortProvider): pods' HTTP servers for
 * pods/proxy and services/proxy, byte streams for pods/portforward, and each node's kubelet endpoints.
 */
import type { HttpRequestIn, MetricsProvider, PortProvider, SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { NetError, podListener, servePodHttp } from './http-servers';
import { nodeEndpoint } from './node-endpoints';
import { openPortStream } from './port-streams';
import { serveKubeStateMetrics } from './metrics-text';

export function createPortProvider(client: SandboxClient, metrics: MetricsProvider | undefined, now: () => number = Date.now): PortProvider {
  const pod = (ns: string, name: string) => {
    const p = client.get(R.pods, ns, name);
    if (!p) throw new NetError('EHOSTUNREACH', `pod ${ns}/${name} not found`);
    return p;
  };
  return {
    podHttp(ns: string, name: string, port: number, req: HttpRequestIn) {
      const p = pod(ns, name);
      return serveKubeStateMetrics(client, p, port, req, now()) ?? servePodHttp(p, port, req, now());
    },
    connect(ns: string, name: string, port: number) {
      const l = podListener(pod(ns, name), port, now());
      if (!l) throw new NetError('ECONNREFUSED', `connect ECONNREFUSED 127.0.0.1:${port}`);
      return openPortStream(l, now);
    },
    node(name: string, req: HttpRequestIn) {
      return nodeEndpoint({ client, metrics, now }, name, req);
    },
  };
}
