/** Test support (not a test file): what the demo's Helm releases look like in a cluster, from labels and objects. */
import type { SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';

/** "<namespace>/<release>" → "<version>=<status>" of each record, oldest first */
export function helmHistories(client: SandboxClient): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of client.list(R.secrets, { labelSelector: 'owner=helm' }).items) {
    const l = s.metadata.labels!;
    (out[`${s.metadata.namespace}/${l.name}`] ??= []).push(`${l.version}=${l.status}`);
  }
  for (const v of Object.values(out)) v.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return out;
}

/** whether the release's Deployment exists with Helm's ownership metadata */
export function ownedByHelm(client: SandboxClient, namespace: string, release: string): boolean {
  const d = client.get(R.deployments, namespace, release);
  return d?.metadata.labels?.['app.kubernetes.io/managed-by'] === 'Helm' && d.metadata.annotations?.['meta.helm.sh/release-name'] === release && d.metadata.annotations?.['meta.helm.sh/release-namespace'] === namespace;
}
