/** What a fresh kube-apiserver creates itself: the system namespaces and the `kubernetes` service. */
import type { KObject } from '../types';
import type { Api } from './ops';

export function seedCluster(api: Api): void {
  const ns = api.kinds.lookup('', 'v1', 'namespaces')!;
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create(ns, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: 'kube-apiserver' });
  }
  const svc = api.kinds.lookup('', 'v1', 'services')!;
  const kubernetes: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  };
  api.create(svc, 'default', kubernetes, { fieldManager: 'kube-apiserver' });
}
