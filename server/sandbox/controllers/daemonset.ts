/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * DaemonSet controller: one pod per eligible node (node affinity/selector, taints; cordon is ignored as
 * upstream), pinned with a matchFields node affinity and bound by the scheduler, RollingUpdate by
 * maxUnavailable or maxSurge (daemonset-update.ts), OnDelete, ControllerRevisions.
 */
import type { KObject } from '../types';
import { nodeAffinityMatches, untoleratedTaint } from '../kubelet/scheduler-fit';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { isPodAvailable, isPodReady, isTerminal, listOwned, podFromTemplate, readySince } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';
import { pruneRevisions, revisionTemplate, syncRevision } from './lib/revisions';
import { excessPods, REV_LABEL, rollingUpdatePlan, surgeAndUnavailableDS } from './daemonset-update';

/** Tolerations the DaemonSet controller adds to every daemon pod. */
export const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function shouldRunOn(podSpec: any, node: KObject): boolean {
  const spec = { ...podSpec, tolerations: [...(podSpec?.tolerations ?? []), ...DAEMON_TOLERATIONS] };
  return nodeAffinityMatches(spec, node.metadata.labels ?? {}, node.metadata.name!) && !untoleratedTaint(spec, (node as any).spec?.taints ?? []);
}

export function startDaemonSetController(ctx: Ctx) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'daemonset-controller' };

  function makePod(ds: KObject, node: string, rev: KObject, hash: string): KObject {
    const tplSpec = structuredClone(revisionTemplate(rev).spec ?? {});
    tplSpec.tolerations = [...(tplSpec.tolerations ?? []), ...DAEMON_TOLERATIONS.filter((t) => !(tplSpec.tolerations ?? []).some((x: any) => x.key === t.key))];
    tplSpec.affinity = {
      ...(tplSpec.affinity ?? {}),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    return podFromTemplate({ metadata: (ds as any).spec.template?.metadata, spec: tplSpec }, ds, {
      labels: { [REV_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
    });
  }

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const ds = client.get(R.daemonsets, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const spec = (ds as any).spec ?? {};
    const { update, all, hash } = syncRevision(client, ds);
    const nodes = client.list(R.nodes).items;
    const pods = listOwned(client, R.pods, ns, spec.selector, ds.metadata.uid!).filter((p) => !isTerminal(p));
    const podNode = (p: KObject): string | undefined =>
      (p as any).spec?.nodeName ??
      (p as any).spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
    const byNode = new Map<string, KObject[]>();
    for (const p of pods) {
      const n = podNode(p) ?? '';
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const eligible = nodes.filter((n) => shouldRunOn(revisionTemplate(update).spec, n) && !n.metadata.deletionTimestamp);
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name!));
    const minReadyMs = clock.real((spec.minReadySeconds ?? 0) * 1000);
    const now = clock.now();
    const available = (p: KObject) => isPodAvailable(p, minReadyMs, now);
    const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const limits = surgeAndUnavailableDS(spec, eligible.length);
    const surge = rolling && limits.maxSurge > 0;
    const live = (node: string) => (byNode.get(node) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    // manage loop: a pod on every eligible node, extras removed (two allowed per node while surging)
    let acted = false;
    for (const n of eligible) {
      const mine = live(n.metadata.name!);
      if (mine.length === 0 && !(byNode.get(n.metadata.name!) ?? []).length) {
        create(ds, n.metadata.name!, update, hash);
        acted = true;
      }
      for (const p of excessPods(mine, hash, surge, isPodReady, available)) {
        del(ds, p);
        acted = true;
      }
    }
    let misscheduled = 0;
    for (const [node, ps] of byNode) {
      if (eligibleNames.has(node)) continue;
      for (const p of ps) {
        misscheduled++;
        if (!p.metadata.deletionTimestamp) del(ds, p);
      }
    }
    // rolling update, once the manage loop has nothing left to do (upstream waits for its expectations)
    if (rolling && !acted) {
      const plan = rollingUpdatePlan(eligible.map((n) => ({ node: n.metadata.name!, pods: live(n.metadata.name!) })), hash, limits, available);
      for (const p of plan.del) del(ds, p);
      for (const node of plan.createOn) create(ds, node, update, hash);
    }
    const fresh = listOwned(client, R.pods, ns, spec.selector, ds.metadata.uid!).filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    // per node, its oldest live pod counts (upstream updateDaemonSetStatus), so a surging node isn't counted twice
    const oldest = new Map<string, KObject>();
    for (const p of [...fresh].sort((a, b) => (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0))) {
      const n = podNode(p) ?? '';
      if (eligibleNames.has(n) && !oldest.has(n)) oldest.set(n, p);
    }
    const counted = [...oldest.values()];
    const numberAvailable = counted.filter((p) => isPodAvailable(p, minReadyMs)).length;
    const status = {
      currentNumberScheduled: counted.length,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: eligible.length,
      numberReady: counted.filter(isPodReady).length,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: counted.filter((p) => p.metadata.labels?.[REV_LABEL] === hash).length,
      numberAvailable,
      numberUnavailable: Math.max(0, eligible.length - numberAvailable),
    };
    const prev = (ds as any).status ?? {};
    if (changed({ ...prev, conditions: undefined }, { ...prev, ...status, conditions: undefined }))
      client.patch(R.daemonsets, ns, name, 'merge', { status }, { subresource: 'status' });
    pruneRevisions(client, ds, all, new Set([update.metadata.name!, ...fresh.map((p) => `${name}-${p.metadata.labels?.[REV_LABEL]}`)]));
    // pods ready but not yet minReadySeconds old need another look (availability gates the rolling update)
    const waiting = fresh.filter((p) => isPodReady(p) && !isPodAvailable(p, minReadyMs));
    if (waiting.length) return { requeueAfterMs: Math.max(50, (Math.min(...waiting.map((p) => readySince(p)! + minReadyMs)) - clock.now()) * clock.speed) };
    return undefined;
  }

  function create(ds: KObject, node: string, update: KObject, hash: string) {
    const pod = client.create(R.pods, makePod(ds, node, update, hash));
    recorder.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src);
  }

  function del(ds: KObject, p: KObject) {
    try {
      client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
      recorder.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, src);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  return makeController(ctx, 'daemonset', reconcile, (enqueue) => {
    const all = () => {
      for (const ds of client.list(R.daemonsets).items) enqueue(keyOf(ds));
    };
    return [
      watchAll(ctx, R.daemonsets, (e) => enqueue(keyOf(e.object))),
      watchAll(ctx, R.pods, (e) => {
        const k = ownerKey(e.object, 'DaemonSet');
        if (k) enqueue(k);
      }),
      watchAll(ctx, R.nodes, () => all()),
    ];
  });
}
