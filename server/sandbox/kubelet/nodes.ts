/** Simulated Node objects: what a kind/kubeadm cluster's nodes look like, and their status. */
import type { KObject } from '../types';
import { iso } from '../controllers/lib/clock';
import { fnv32a } from '../controllers/lib/hash';

export const KUBELET_VERSION = 'v1.32.4';
export const NOT_READY_ANNOTATION = 'sandbox.wheelhouse.dev/not-ready';
const ZONES = ['zone-a', 'zone-b', 'zone-c'];

export interface NodeSpecInput {
  name: string;
  controlPlane: boolean;
  index: number;
  cpu: string;
  memory: string;
  pods: number;
}

export function defaultNodes(cluster: string, workers = 2): NodeSpecInput[] {
  const nodes: NodeSpecInput[] = [{ name: `${cluster}-control-plane`, controlPlane: true, index: 0, cpu: '4', memory: '8Gi', pods: 110 }];
  for (let i = 1; i <= workers; i++) nodes.push({ name: `${cluster}-worker-${i}`, controlPlane: false, index: i, cpu: '8', memory: '16Gi', pods: 110 });
  return nodes;
}

/** Node IP 172.18.0.(index+2), like kind's docker network. */
export const nodeIp = (index: number) => `172.18.${Math.floor((index + 2) / 250)}.${((index + 2) % 250) + 2}`;

/** Per-node pod CIDR; nodes that run many pods (scale scenario) get a /16. */
export function podCidr(index: number, large = false): string {
  return large ? `10.${100 + index}.0.0/16` : `10.244.${index}.0/24`;
}

/** The n-th pod IP inside a CIDR (n ≥ 0; .0 and .1 skipped as the bridge uses .1). */
export function podIpIn(cidr: string, n: number): string {
  const [base, bits] = cidr.split('/');
  const p = base!.split('.').map(Number);
  // .0, .1 (bridge) and .255 are never handed out
  if (bits === '16') return `${p[0]}.${p[1]}.${Math.floor(n / 253) % 256}.${(n % 253) + 2}`;
  return `${p[0]}.${p[1]}.${p[2]}.${(n % 253) + 2}`;
}

export function makeNode(n: NodeSpecInput, cluster: string, large = false): KObject {
  const zone = ZONES[n.controlPlane ? 0 : (n.index - 1) % ZONES.length]!;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/region': cluster.replace(/^sandbox-/, ''),
    'topology.kubernetes.io/zone': `${cluster.replace(/^sandbox-/, '')}-${zone}`,
    'node.kubernetes.io/instance-type': n.controlPlane ? 'sandbox.large' : 'sandbox.xlarge',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  } else {
    labels['node-role.kubernetes.io/worker'] = '';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
      },
    },
    spec: {
      podCIDR: podCidr(n.index, large),
      podCIDRs: [podCidr(n.index, large)],
      providerID: `sandbox://${cluster}/${n.name}`,
      ...(n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: nodeStatus(n, true),
  };
}

export function nodeStatus(n: Pick<NodeSpecInput, 'name' | 'index' | 'cpu' | 'memory' | 'pods'>, ready: boolean, since = iso()): Record<string, unknown> {
  const now = iso();
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: since,
    reason,
    message,
  });
  const memKi = Math.round(parseMem(n.memory) / 1024);
  return {
    capacity: { cpu: n.cpu, memory: `${memKi}Ki`, pods: String(n.pods), 'ephemeral-storage': '102687672Ki', 'hugepages-2Mi': '0' },
    allocatable: {
      cpu: n.cpu,
      memory: `${memKi - 102400}Ki`,
      pods: String(n.pods),
      'ephemeral-storage': '102687672Ki',
      'hugepages-2Mi': '0',
    },
    conditions: [
      cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      ready
        ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
        : cond('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady (simulated)'),
    ],
    addresses: [
      { type: 'InternalIP', address: nodeIp(n.index) },
      { type: 'Hostname', address: n.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: fnv32a(n.name).toString(16).padStart(8, '0').repeat(4),
      systemUUID: `${fnv32a(n.name + 'uuid').toString(16).padStart(8, '0')}-0000-4000-8000-${fnv32a(n.name).toString(16).padStart(12, '0')}`,
      bootID: `${fnv32a(n.name + 'boot').toString(16).padStart(8, '0')}-1111-4111-8111-000000000000`,
      kernelVersion: '6.8.0-sandbox',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://1.7.24',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: [],
  };
}

function parseMem(q: string): number {
  const m = /^(\d+)(Gi|Mi)$/.exec(q);
  if (!m) return 8 * 2 ** 30;
  return Number(m[1]) * (m[2] === 'Gi' ? 2 ** 30 : 2 ** 20);
}
