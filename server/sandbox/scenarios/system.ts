/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** What a fresh kubeadm/kind cluster runs in kube-system, plus the default StorageClass. */
import type { SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { daemonSet, deployment, ensure, service } from './builders';

export function applySystem(client: SandboxClient, _opts: { clusterName: string }): void {
  ensure(client, R.storageclasses, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  });
  const coredns = deployment({ ns: 'kube-system', name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', replicas: 2, port: 53, cpu: '100m', memory: '70Mi', memoryLimit: '170Mi', labels: { 'k8s-app': 'kube-dns' } });
  (coredns as any).spec.template.spec.tolerations = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  (coredns as any).spec.template.spec.priorityClassName = 'system-cluster-critical';
  ensure(client, R.deployments, coredns);
  const kubeDns = service('kube-system', 'kube-dns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }], { clusterIP: '10.96.0.10' });
  // kubeadm's labels; `kubernetes.io/cluster-service` is what `kubectl cluster-info` lists
  kubeDns.metadata.labels = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' };
  ensure(client, R.services, kubeDns);
  ensure(client, R.daemonsets, daemonSet({ ns: 'kube-system', name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.4', cpu: '10m', memory: '32Mi', tolerateControlPlane: true, labels: { 'k8s-app': 'kube-proxy' } }));
  ensure(client, R.daemonsets, daemonSet({ ns: 'kube-system', name: 'kindnet', image: 'docker.io/kindest/kindnetd:v20241108-5c6d2daf', cpu: '100m', memory: '50Mi', tolerateControlPlane: true, labels: { 'k8s-app': 'kindnet' } }));
  ensure(client, R.deployments, deployment({ ns: 'kube-system', name: 'metrics-server', image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', port: 10250, cpu: '100m', memory: '200Mi', labels: { 'k8s-app': 'metrics-server' } }));
  ensure(client, R.deployments, deployment({ ns: 'kube-system', name: 'local-path-provisioner', image: 'docker.io/rancher/local-path-provisioner:v0.0.30', cpu: '20m', memory: '32Mi' }));
}
