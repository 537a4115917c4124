/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** DaemonSet rolling updates: the pure plan, then maxSurge and OnDelete in a cluster driven over HTTPS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { excessPods, rollingUpdatePlan, surgeAndUnavailableDS } from './daemonset-update';
import { api, apiCreate, apiGet, apiList, apiPatch, apiPath, isReady, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

const pod = (name: string, hash: string, avail: boolean, createdS = 1): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { 'controller-revision-hash': hash }, creationTimestamp: new Date(createdS * 1000).toISOString(), annotations: { avail: String(avail) } },
});
const avail = (p: KObject) => p.metadata.annotations?.avail === 'true';
const names = (ps: KObject[]) => ps.map((p) => p.metadata.name);

describe('DaemonSet rolling-update plan', () => {
  it('resolves limits rounding up, defaulting to maxUnavailable 1 and never both 0', () => {
    expect(surgeAndUnavailableDS({}, 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(surgeAndUnavailableDS({ updateStrategy: { rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } } }, 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(surgeAndUnavailableDS({ updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }, 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('without surge deletes unavailable old pods at once and available ones up to maxUnavailable', () => {
    const nodes = [
      { node: 'a', pods: [pod('a-old', 'h1', true)] },
      { node: 'b', pods: [pod('b-old', 'h1', false)] },
      { node: 'c', pods: [pod('c-old', 'h1', true)] },
      { node: 'd', pods: [pod('d-new', 'h2', true)] },
    ];
    expect(names(rollingUpdatePlan(nodes, 'h2', { maxSurge: 0, maxUnavailable: 1 }, avail).del)).toEqual(['b-old', 'a-old']);
    // a node whose new pod is not available yet uses up the budget
    nodes[3].pods = [pod('d-new', 'h2', false)];
    expect(names(rollingUpdatePlan(nodes, 'h2', { maxSurge: 0, maxUnavailable: 1 }, avail).del)).toEqual(['b-old']);
  });

  it('with surge creates new pods next to old ones (maxSurge at a time) and deletes an old pod once its new one is available', () => {
    const nodes = [
      { node: 'a', pods: [pod('a-old', 'h1', true), pod('a-new', 'h2', false, 2)] },
      { node: 'b', pods: [pod('b-old', 'h1', true)] },
      { node: 'c', pods: [pod('c-old', 'h1', false)] },
      { node: 'd', pods: [pod('d-old', 'h1', true), pod('d-new', 'h2', true, 2)] },
    ];
    const plan = rollingUpdatePlan(nodes, 'h2', { maxSurge: 1, maxUnavailable: 0 }, avail);
    // a is surging (budget used), c's old pod is unavailable so it is replaced regardless, d's old pod goes
    expect(plan.createOn).toEqual(['c']);
    expect(names(plan.del)).toEqual(['d-old']);
    expect(rollingUpdatePlan(nodes, 'h2', { maxSurge: 2, maxUnavailable: 0 }, avail).createOn).toEqual(['c', 'b']);
  });

  it('manage loop keeps two pods per node only while surging and the old one is ready', () => {
    const two = [pod('new', 'h2', false, 2), pod('old', 'h1', true, 1)];
    expect(names(excessPods(two, 'h2', false, avail, avail))).toEqual(['new']);
    expect(names(excessPods(two, 'h2', true, avail, avail))).toEqual([]);
    expect(names(excessPods([pod('new', 'h2', true, 2), pod('old', 'h1', true, 1)], 'h2', true, avail, avail))).toEqual(['old']);
    expect(names(excessPods([pod('new', 'h2', false, 2), pod('old', 'h1', false, 1)], 'h2', true, avail, avail))).toEqual(['old']);
  });
});

describe('DaemonSet update strategies in the cluster (over HTTPS)', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startTestCluster({ speed: 25 });
  });
  afterAll(async () => {
    await c?.stop();
  });

  const ds = (name: string, updateStrategy: unknown): KObject => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'fluent/fluent-bit:3.2' }] } },
    },
  });
  const settled = async (name: string, updated: number) => {
    const s = (await apiGet(c, refs.daemonsets, 'default', name))?.status;
    return s?.desiredNumberScheduled === 2 && s.numberAvailable === 2 && s.updatedNumberScheduled === updated && s.observedGeneration;
  };
  const setImage = (name: string, image: string) =>
    apiPatch(c, refs.daemonsets, 'default', name, { spec: { template: { spec: { containers: [{ name: 'main', image }] } } } });

  it('maxSurge 1 / maxUnavailable 0 starts the new pod before the old one goes: every node keeps a ready pod', async () => {
    await apiCreate(c, refs.daemonsets, ds('surge', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }));
    await waitFor(() => settled('surge', 2), 10_000, 'initial pods');
    const state = new Map<string, { node: string; ready: boolean }>();
    for (const p of c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=surge' }).items as any[]) state.set(p.metadata.uid, { node: p.spec.nodeName, ready: isReady(p) && !p.metadata.deletionTimestamp });
    let minReadyPerNode = Infinity;
    let maxLive = 0;
    let maxOnOneNode = 0;
    const stop = c.client.watch(refs.pods, { namespace: 'default', labelSelector: 'app=surge', resourceVersion: c.client.list(refs.pods).resourceVersion }, (e) => {
      const p = e.object as any;
      if (e.type === 'DELETED') state.delete(p.metadata.uid);
      else if (p.metadata.deletionTimestamp) state.set(p.metadata.uid, { node: p.spec.nodeName, ready: false });
      else state.set(p.metadata.uid, { node: p.spec.nodeName ?? p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0], ready: isReady(p) });
      const live = [...state.values()];
      const perNode = new Map<string, { ready: number; all: number }>();
      for (const s of live) {
        const n = perNode.get(s.node) ?? { ready: 0, all: 0 };
        n.all++;
        if (s.ready) n.ready++;
        perNode.set(s.node, n);
      }
      minReadyPerNode = Math.min(minReadyPerNode, ...[...perNode.values()].map((n) => n.ready));
      maxOnOneNode = Math.max(maxOnOneNode, ...[...perNode.values()].map((n) => n.all));
      maxLive = Math.max(maxLive, live.length);
    });
    await setImage('surge', 'fluent/fluent-bit:3.3');
    await waitFor(async () => (await settled('surge', 2)) === 2 && (await apiList(c, refs.pods, 'default', 'app=surge')).every((p) => p.spec.containers[0].image === 'fluent/fluent-bit:3.3'), 15_000, 'surge rollout');
    stop();
    expect(minReadyPerNode).toBeGreaterThanOrEqual(1);
    expect(maxOnOneNode).toBe(2);
    // terminating pods are still listed until the kubelet removes them: at most 2 nodes + 1 surge live at once
    expect(maxLive).toBeLessThanOrEqual(4);
    expect(maxLive).toBeGreaterThanOrEqual(3);
  });

  it('OnDelete replaces a pod with the new template only when the pod is deleted', async () => {
    await apiCreate(c, refs.daemonsets, ds('ondelete', { type: 'OnDelete' }));
    await waitFor(() => settled('ondelete', 2), 10_000, 'initial pods');
    await setImage('ondelete', 'fluent/fluent-bit:3.3');
    // observedGeneration 2 means the controller has seen the change (and made a new ControllerRevision)
    await waitFor(async () => (await settled('ondelete', 0)) === 2, 10_000, 'change observed, nothing replaced');
    const before = await apiList(c, refs.pods, 'default', 'app=ondelete');
    expect(before.map((p) => p.spec.containers[0].image)).toEqual(['fluent/fluent-bit:3.2', 'fluent/fluent-bit:3.2']);
    await api(c, 'DELETE', apiPath(refs.pods, 'default', before[0].metadata.name));
    await waitFor(() => settled('ondelete', 1), 10_000, 'one pod replaced');
    const after = (await apiList(c, refs.pods, 'default', 'app=ondelete')).filter((p) => !p.metadata.deletionTimestamp);
    const byNode = Object.fromEntries(after.map((p) => [p.spec.nodeName, p.spec.containers[0].image]));
    expect(byNode[before[0].spec.nodeName]).toBe('fluent/fluent-bit:3.3');
    expect(byNode[before[1].spec.nodeName]).toBe('fluent/fluent-bit:3.2');
  });
});
