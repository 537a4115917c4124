/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** ReplicaSet controller: keeps spec.replicas active pods, reports replicas/ready/available counts. */
import type { KObject } from '../types';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { deletionRank, isActive, isPodAvailable, isPodReady, listOwned, podFromTemplate, readySince } from './lib/pods';
import { isNotFound, splitKey, statusOf } from './lib/queue';
import { R } from './lib/refs';
import { iso } from './lib/clock';
import { matchesLabelSelector } from '../../../lib/k8s/machinery/labels';

/** Upstream creates in slow-start batches; one reconcile creates at most this many pods. */
const BURST = 500;

export function startReplicaSetController(ctx: Ctx) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'replicaset-controller' };

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const rs = client.get(R.replicasets, ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const spec = (rs as any).spec ?? {};
    const want = spec.replicas ?? 1;
    const owned = listOwned(client, R.pods, ns, spec.selector, rs.metadata.uid!);
    let active = owned.filter(isActive);
    const diff = active.length - want;
    let createError: Error | undefined;
    if (diff < 0) {
      const n = Math.min(-diff, BURST);
      for (let i = 0; i < n; i++) {
        let pod: KObject;
        try {
          pod = client.create(R.pods, podFromTemplate(spec.template, rs));
        } catch (e) {
          if (statusOf(e) !== 403) throw e;
          // upstream: a Warning FailedCreate event and a ReplicaFailure condition (e.g. a ResourceQuota
          // refused the pod), then a rate-limited retry
          createError = e as Error;
          recorder.record(rs, 'Warning', 'FailedCreate', `Error creating: ${createError.message}`, src);
          break;
        }
        recorder.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src);
        active.push(pod);
      }
    } else if (diff > 0) {
      const victims = [...active].sort(deletionRank).slice(0, diff);
      for (const p of victims) {
        try {
          client.delete(R.pods, ns, p.metadata.name!);
          recorder.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, src);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      const gone = new Set(victims.map((p) => p.metadata.uid));
      active = active.filter((p) => !gone.has(p.metadata.uid));
    }
    const minReadyMs = clock.real((spec.minReadySeconds ?? 0) * 1000);
    const now = clock.now();
    const tl = spec.template?.metadata?.labels ?? {};
    const status: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => Object.entries(tl).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((p) => isPodAvailable(p, minReadyMs, now)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const old = (rs as any).status ?? {};
    const cmp = { ...old };
    delete cmp.conditions;
    const failure = ((old.conditions ?? []) as any[]).find((c) => c.type === 'ReplicaFailure');
    if (createError && !failure) {
      status.conditions = [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(), reason: 'FailedCreate', message: createError.message }];
    } else if (!createError && failure) status.conditions = null;
    if (changed(cmp, status) || status.conditions !== undefined) {
      client.patch(R.replicasets, ns, name, 'merge', { status }, { subresource: 'status' });
    }
    if (createError) throw createError;
    if (diff < -BURST) return { requeueAfterMs: 0 };
    // pods that are ready but not yet available need another look when minReadySeconds has passed
    const waiting = active.filter((p) => isPodReady(p) && !isPodAvailable(p, minReadyMs, now));
    if (waiting.length) {
      const next = Math.min(...waiting.map((p) => readySince(p)! + minReadyMs - now));
      return { requeueAfterMs: Math.max(50, next * clock.speed) };
    }
    return undefined;
  }

  return makeController(ctx, 'replicaset', reconcile, (enqueue) => [
    watchAll(ctx, R.replicasets, (e) => enqueue(keyOf(e.object))),
    watchAll(ctx, R.pods, (e) => {
      const k = ownerKey(e.object, 'ReplicaSet');
      if (k) enqueue(k);
    }),
  ]);
}

/** Pods matching an RS selector without a controller (adoption candidates); exported for tests. */
export function orphansFor(rs: KObject, pods: KObject[]): KObject[] {
  return pods.filter((p) => !p.metadata.ownerReferences?.some((r) => r.controller) && matchesLabelSelector((rs as any).spec?.selector, p.metadata.labels));
}
