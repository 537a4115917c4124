/**
 * coordination.k8s.io Leases a real cluster keeps renewing: one per node in kube-node-lease (the kubelet's
 * heartbeat, owned by its Node, not renewed while the node is NotReady) and the kube-controller-manager /
 * kube-scheduler leader-election leases in kube-system, held by the control-plane node. Renewed on the
 * kubelet heartbeat, so `kubectl get leases -A` shows them fresh.
 */
import { randomUUID } from 'node:crypto';
import type { KObject, SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { isNotFound } from '../controllers/lib/queue';

/** metav1.MicroTime: RFC 3339 with microseconds */
export const microTime = (ms = Date.now()): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

const LEADERS = ['kube-controller-manager', 'kube-scheduler'];

export class LeaseKeeper {
  private leaderIds = new Map<string, string>();

  constructor(private readonly client: SandboxClient) {}

  /** Creates or renews the node's lease (skipped for a NotReady node: its kubelet "stopped") and the leader leases. */
  renew(nodes: { obj: KObject; ready: boolean }[]): void {
    for (const n of nodes) {
      if (!n.ready) continue;
      const name = n.obj.metadata.name!;
      this.upsert('kube-node-lease', name, name, 40, [{ apiVersion: 'v1', kind: 'Node', name, uid: n.obj.metadata.uid! }]);
    }
    const cp = nodes.find((n) => n.obj.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? nodes[0];
    if (!cp) return;
    for (const l of LEADERS) {
      if (!this.leaderIds.has(l)) this.leaderIds.set(l, `${cp.obj.metadata.name}_${randomUUID()}`);
      this.upsert('kube-system', l, this.leaderIds.get(l)!, 15);
    }
  }

  private upsert(ns: string, name: string, holder: string, duration: number, owners?: { apiVersion: string; kind: string; name: string; uid: string }[]): void {
    const renewTime = microTime();
    try {
      const cur = this.client.get(R.leases, ns, name);
      if (cur) {
        this.client.patch(R.leases, ns, name, 'merge', { spec: { holderIdentity: holder, renewTime } });
        return;
      }
      this.client.create(R.leases, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: ns, ...(owners ? { ownerReferences: owners } : {}) },
        spec: { holderIdentity: holder, leaseDurationSeconds: duration, renewTime, ...(owners ? {} : { acquireTime: renewTime, leaseTransitions: 0 }) },
      });
    } catch (e) {
      if (!isNotFound(e) && (e as { status?: number }).status !== 409) throw e;
    }
  }
}
