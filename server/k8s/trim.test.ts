import { describe, expect, it } from 'vitest';
import { kindByResource } from '../../lib/k8s/registry';
import { projectRow } from '../../lib/k8s/rows/project';
import { podSummary } from '../../lib/k8s/machinery/pod-status';
import type { K8sObject } from '../../lib/k8s/types';
import { trimPod } from './trim';
import type { Obj } from './strip';

const columns = kindByResource('', 'pods')!.columns;
const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

const cs = (name: string, extra: Record<string, unknown>) => ({ name, image: `r/${name}:1`, imageID: `r/${name}@sha256:abc`, containerID: `containerd://${name}`, ready: true, started: true, restartCount: 0, ...extra });

/** pods in the states the pod status printer distinguishes */
const pods: Obj[] = [
  { running: { startedAt: t(1) } },
  { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
  { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: t(9) } },
].map((state, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `p${i}`, namespace: 'ns', uid: `u${i}`, resourceVersion: '5', creationTimestamp: t(0), labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'r', controller: true }] },
  spec: {
    nodeName: 'node-1',
    containers: [{ name: 'app', image: 'r/app:1', env: [{ name: 'A', value: '1' }], resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1' } }, volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
    initContainers: [{ name: 'sidecar', image: 'r/sidecar:1', restartPolicy: 'Always' }, { name: 'init', image: 'r/init:1', command: ['x'] }],
    volumes: [{ name: 'v', emptyDir: {} }],
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
  status: {
    phase: i === 2 ? 'Failed' : 'Running',
    podIP: '10.0.0.1',
    podIPs: [{ ip: '10.0.0.1' }],
    hostIP: '192.168.0.1',
    hostIPs: [{ ip: '192.168.0.1' }],
    startTime: t(1),
    conditions: [
      { type: 'Ready', status: i === 0 ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t(2) },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t(0) },
    ],
    initContainerStatuses: [cs('sidecar', { restartCount: 2, lastState: { terminated: { finishedAt: t(5), exitCode: 1 } }, state: { running: { startedAt: t(6) } } }), cs('init', { state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
    containerStatuses: [cs('app', { ready: i === 0, restartCount: i, lastState: i ? { terminated: { finishedAt: t(8), exitCode: 2 } } : {}, state })],
  },
}));

describe('trimPod', () => {
  it('keeps every input of the pod row, the status printer and usage columns; drops the rest of the spec', () => {
    for (const p of pods) {
      const trimmed = trimPod(p);
      expect(projectRow(columns, trimmed as K8sObject)).toEqual(projectRow(columns, p as K8sObject));
      expect(podSummary(trimmed as K8sObject)).toEqual(podSummary(p as K8sObject));
      const spec = trimmed.spec as Record<string, unknown>;
      expect(Object.keys(spec).sort()).toEqual(['containers', 'initContainers', 'nodeName']);
      expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(p).length * 0.75);
    }
  });

  it('does not change its input', () => {
    const before = JSON.stringify(pods[0]);
    trimPod(pods[0]);
    expect(JSON.stringify(pods[0])).toBe(before);
  });
});
