/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * The `scale` scenario: opts.pods Running pods across namespaces and Deployments, created directly in bulk
 * (already bound and Running, no per-pod events or timers) so 50,000 pods are ready in well under a minute.
 * Deployment → ReplicaSet → Pods are wired exactly as the controllers would, so they adopt them untouched.
 */
import type { KObject, SandboxClient } from '../types';
import { iso } from '../controllers/lib/clock';
import { templateHash, suffix } from '../controllers/lib/hash';
import { ownerRefTo } from '../controllers/lib/pods';
import { R } from '../controllers/lib/refs';
import { makeNode, podIpIn, podCidr, nodeIp } from '../kubelet/nodes';
import { fullImage, imageID } from '../kubelet/images';
import { fnv32a } from '../controllers/lib/hash';
import type { EventRecorder } from '../controllers/lib/events';
import { deployment, ensure, namespace } from './builders';

const DEPLOYMENTS_PER_NAMESPACE = 10;
const PODS_PER_NODE = 5000;
const IMAGES = ['nginx:1.27.3', 'ghcr.io/wheelhouse-demo/api:2.0.0', 'ghcr.io/wheelhouse-demo/worker:2.0.0', 'redis:7.4.1', 'httpd:2.4.62'];

export function scaleNodes(cluster: string, pods: number): KObject[] {
  const workers = Math.max(2, Math.ceil(pods / PODS_PER_NODE));
  const out = [makeNode({ name: `${cluster}-control-plane`, controlPlane: true, index: 0, cpu: '8', memory: '16Gi', pods: 110 }, cluster, true)];
  for (let i = 1; i <= workers; i++) {
    out.push(makeNode({ name: `${cluster}-worker-${i}`, controlPlane: false, index: i, cpu: '256', memory: '1024Gi', pods: PODS_PER_NODE + 500 }, cluster, true));
  }
  return out;
}

export async function applyScale(client: SandboxClient, opts: { clusterName: string; pods?: number; recorder?: EventRecorder }): Promise<void> {
  const total = Math.max(0, opts.pods ?? 1000);
  // 100 pods per deployment at scale; smaller runs still spread over several namespaces
  const perDeployment = Math.min(100, Math.max(10, Math.ceil(total / 100)));
  const workers = client.list(R.nodes).items.filter((n) => !n.metadata.labels?.['node-role.kubernetes.io/control-plane']);
  if (opts.recorder) opts.recorder.enabled = false;
  let made = 0;
  let d = 0;
  const ipNext = new Map<string, number>();
  try {
    while (made < total) {
      const nsIdx = Math.floor(d / DEPLOYMENTS_PER_NAMESPACE);
      const ns = `scale-${String(nsIdx).padStart(3, '0')}`;
      if (d % DEPLOYMENTS_PER_NAMESPACE === 0) ensure(client, R.namespaces, namespace(ns, { 'wheelhouse.dev/env': 'scale' }));
      const n = Math.min(perDeployment, total - made);
      const image = IMAGES[d % IMAGES.length]!;
      const dep = ensure(client, R.deployments, deployment({ ns, name: `app-${String(d % DEPLOYMENTS_PER_NAMESPACE).padStart(2, '0')}`, image, replicas: n, cpu: '1m', memory: '4Mi' }))!;
      // everything for one deployment is created synchronously: controllers only see it complete
      const tpl = structuredClone((dep as any).spec.template);
      const hash = templateHash(tpl);
      tpl.metadata.labels = { ...tpl.metadata.labels, 'pod-template-hash': hash };
      const rs = ensure(client, R.replicasets, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${dep.metadata.name}-${hash}`,
          namespace: ns,
          labels: { ...tpl.metadata.labels },
          annotations: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': String(n), 'deployment.kubernetes.io/max-replicas': String(n + Math.ceil(n / 4)) },
          ownerReferences: [ownerRefTo(dep)],
        },
        spec: { replicas: n, selector: { matchLabels: { app: dep.metadata.name!, 'pod-template-hash': hash } }, template: tpl },
      })!;
      client.patch(R.deployments, ns, dep.metadata.name!, 'merge', { metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } } });
      const now = iso();
      const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
      const conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond);
      const batch: KObject[] = [];
      // 5-character suffixes collide among thousands of replicas (birthday bound): re-draw on a clash
      const names = new Set<string>();
      for (let i = 0; i < n; i++) {
        const wi = ((made + i) % workers.length);
        const w = workers[wi]!;
        let name = `${rs.metadata.name}-${suffix(`${ns}/${rs.metadata.name}/${i}`)}`;
        for (let k = 1; names.has(name); k++) name = `${rs.metadata.name}-${suffix(`${ns}/${rs.metadata.name}/${i}/${k}`)}`;
        names.add(name);
        const ipN = ipNext.get(w.metadata.name!) ?? 0;
        ipNext.set(w.metadata.name!, ipN + 1);
        const ip = podIpIn((w as any).spec?.podCIDR ?? podCidr(wi + 1, true), ipN);
        const hostIP = ((w as any).status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? nodeIp(wi + 1);
        const cid = (fnv32a(`${ns}/${name}`).toString(16).padStart(8, '0') + fnv32a(name).toString(16).padStart(8, '0')).repeat(4);
        batch.push({
          apiVersion: 'v1',
          kind: 'Pod',
          // create() clones its input, so the template's spec can be shared between pods
          metadata: { name, namespace: ns, labels: tpl.metadata.labels, ownerReferences: [ownerRefTo(rs)] },
          spec: { ...tpl.spec, nodeName: w.metadata.name },
          status: {
            phase: 'Running',
            conditions,
            hostIP,
            hostIPs: [{ ip: hostIP }],
            podIP: ip,
            podIPs: [{ ip }],
            startTime: now,
            qosClass: 'Burstable',
            containerStatuses: ((tpl.spec.containers ?? []) as any[]).map((c) => ({
              name: c.name,
              image: fullImage(c.image),
              imageID: imageID(c.image),
              containerID: `containerd://${cid}`,
              ready: true,
              started: true,
              restartCount: 0,
              state: { running: { startedAt: now } },
              lastState: {},
            })),
          },
        });
      }
      if (client.createSeeded) client.createSeeded(R.pods, batch);
      else
        for (const pod of batch) {
          client.create(R.pods, pod);
          client.patch(R.pods, ns, pod.metadata.name!, 'merge', { status: pod.status }, { subresource: 'status' });
        }
      made += n;
      d++;
      // let watchers drain between deployments so queues stay short
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    if (opts.recorder) opts.recorder.enabled = true;
  }
}
