/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * Deployment controller: owns ReplicaSets per pod template (pod-template-hash), rolls between them with
 * RollingUpdate (maxSurge/maxUnavailable) or Recreate, keeps revisions and history, reports conditions.
 */
import { findCondition, removeCondition, upsertCondition } from '../../../lib/k8s/machinery/conditions';
import type { KObject } from '../types';
import { iso } from './lib/clock';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { templateHash } from './lib/hash';
import { listOwned, ownerRefTo } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';
import {
  copiedAnnotations,
  countStatus,
  DESIRED,
  HASH_LABEL,
  isComplete,
  MAX_REPLICAS,
  maxUnavailableOf,
  newRSReplicas,
  oldRSScaleDown,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  sameTemplate,
  surgeAndUnavailable,
} from './deployment-util';
import { isScalingEvent, proportionalScale } from './deployment-scale';

export function startDeploymentController(ctx: Ctx) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'deployment-controller' };

  /** scaleReplicaSet: new size plus the desired/max-replicas annotations proportional scaling reads later. */
  function scaleRS(d: KObject, rs: KObject, to: number): KObject {
    const from = (rs as any).spec?.replicas ?? 0;
    const { maxSurge } = surgeAndUnavailable((d as any).spec);
    const replicas = (d as any).spec?.replicas ?? 1;
    const annotations = { [DESIRED]: String(replicas), [MAX_REPLICAS]: String(replicas + maxSurge) };
    const stale = Object.entries(annotations).some(([k, v]) => rs.metadata.annotations?.[k] !== v);
    if (from === to && !stale) return rs;
    const updated = client.patch(R.replicasets, rs.metadata.namespace, rs.metadata.name!, 'merge', { metadata: { annotations }, spec: { replicas: to } });
    if (from !== to) recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, src);
    return updated;
  }

  /** Applies a proportional-scaling plan (sync's scale()); returns the refreshed new RS. */
  function applyScale(d: KObject, plan: Map<string, number>, all: KObject[], newRS: KObject | undefined): KObject | undefined {
    for (const rs of all) {
      const to = plan.get(rs.metadata.name!);
      if (to === undefined) continue;
      const updated = scaleRS(d, rs, to);
      if (newRS && rs.metadata.uid === newRS.metadata.uid) newRS = updated;
    }
    return newRS;
  }

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const d = client.get(R.deployments, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = (d as any).spec ?? {};
    const replicas: number = spec.replicas ?? 1;
    let all = listOwned(client, R.replicasets, ns, spec.selector, d.metadata.uid!);
    let newRS = all.find((rs) => sameTemplate((rs as any).spec?.template, spec.template));
    let olds = all.filter((rs) => rs !== newRS);
    const maxOldRev = Math.max(0, ...olds.map(revisionOf));
    const prevStatus = (d as any).status ?? {};
    let progressingMsg: { reason: string; message: string } | undefined;
    const strategy = spec.strategy?.type ?? 'RollingUpdate';
    // a change of spec.replicas while several RSes are active is spread over them (upstream: sync() instead of a rollout step)
    const scaling = isScalingEvent(spec, newRS, olds) ? proportionalScale(spec, (d as any).status?.replicas ?? 0, newRS, olds) : undefined;
    // Recreate waits for old pods to be gone; their removal doesn't always change an RS, so poll
    let recreateWait = false;

    if (!spec.paused) {
      if (newRS && revisionOf(newRS) <= maxOldRev) {
        // rollback (or a template that went back to an older one): the reused RS becomes the newest revision
        const hist = [newRS.metadata.annotations?.[REVISION_HISTORY], String(revisionOf(newRS))].filter(Boolean).join(',');
        newRS = client.patch(R.replicasets, ns, newRS.metadata.name!, 'merge', {
          metadata: { annotations: { ...copiedAnnotations(d), [REVISION]: String(maxOldRev + 1), [REVISION_HISTORY]: hist } },
        });
        progressingMsg = { reason: 'FoundNewReplicaSet', message: `Found new replica set "${newRS.metadata.name}"` };
      } else if (newRS) {
        const want = copiedAnnotations(d);
        const have = newRS.metadata.annotations ?? {};
        if (Object.entries(want).some(([k, v]) => have[k] !== v)) {
          newRS = client.patch(R.replicasets, ns, newRS.metadata.name!, 'merge', { metadata: { annotations: want } });
        }
      } else {
        newRS = createNewRS(d, all, maxOldRev + 1, strategy);
        all = [...all, newRS];
        progressingMsg = { reason: 'NewReplicaSetCreated', message: `Created new replica set "${newRS.metadata.name}"` };
      }
      const rev = String(revisionOf(newRS));
      if (d.metadata.annotations?.[REVISION] !== rev) {
        client.patch(R.deployments, ns, name, 'merge', { metadata: { annotations: { [REVISION]: rev } } });
      }
      all = all.map((rs) => (rs.metadata.uid === newRS!.metadata.uid ? newRS! : rs));
      olds = all.filter((rs) => rs.metadata.uid !== newRS!.metadata.uid);

      if (scaling?.size) {
        newRS = applyScale(d, scaling, all, newRS);
      } else if (strategy === 'Recreate') {
        const oldActive = olds.filter((rs) => ((rs as any).spec?.replicas ?? 0) > 0);
        if (oldActive.length) {
          for (const rs of oldActive) scaleRS(d, rs, 0);
        } else {
          const oldPods = olds.flatMap((rs) => listOwned(client, R.pods, ns, (rs as any).spec?.selector, rs.metadata.uid!));
          if (oldPods.length === 0) newRS = scaleRS(d, newRS, replicas);
          else recreateWait = true;
        }
      } else {
        const target = newRSReplicas(spec, all, newRS);
        if (target !== ((newRS as any).spec?.replicas ?? 0)) newRS = scaleRS(d, newRS, target);
        all = all.map((rs) => (rs.metadata.uid === newRS!.metadata.uid ? newRS! : rs));
        const plan = oldRSScaleDown(spec, all, olds, newRS);
        for (const rs of olds) {
          const to = plan.get(rs.metadata.name!);
          if (to !== undefined) scaleRS(d, rs, to);
        }
      }
    } else {
      // paused: only scaling, no rollout (proportional over the active RSes, or the only/newest one takes all)
      newRS = applyScale(d, proportionalScale(spec, (d as any).status?.replicas ?? 0, newRS, olds), all, newRS);
    }

    // fresh read: RS statuses are what the counts come from
    all = listOwned(client, R.replicasets, ns, spec.selector, d.metadata.uid!);
    newRS = newRS ? all.find((rs) => rs.metadata.uid === newRS!.metadata.uid) : undefined;
    const counts = countStatus(all, newRS);
    const complete = isComplete(spec, counts) && all.every((rs) => rs === newRS || ((rs as any).status?.replicas ?? 0) === 0);
    if (complete) cleanupHistory(d, all, newRS);

    const now = iso();
    const conds: any[] = structuredClone(prevStatus.conditions ?? []);
    // upstream SetDeploymentCondition; `touch` false keeps lastUpdateTime while nothing but time changed
    const setCond = (type: string, status: string, reason: string, message: string, touch = true) => {
      const old = findCondition(conds, type);
      if (old && old.status === status && old.reason === reason && old.message === message && !touch) return;
      upsertCondition(conds, { type, status, lastUpdateTime: touch || !old ? now : old.lastUpdateTime, reason, message }, now);
    };
    const minAvail = counts.availableReplicas >= replicas - maxUnavailableOf(spec);
    setCond(
      'Available',
      minAvail ? 'True' : 'False',
      minAvail ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      minAvail ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
      false,
    );
    const prog = conds.find((c) => c.type === 'Progressing');
    const deadlineS: number | undefined = spec.progressDeadlineSeconds ?? 600;
    let requeueAfterMs: number | undefined;
    const rsName = newRS?.metadata.name;
    if (spec.paused) {
      if (prog?.reason !== 'DeploymentPaused') setCond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
    } else if (prog?.reason === 'DeploymentPaused') {
      setCond('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
    } else if (complete) {
      if (prog?.reason !== 'NewReplicaSetAvailable' || prog?.message !== `ReplicaSet "${rsName}" has successfully progressed.`)
        setCond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`);
    } else if (progressingMsg) {
      setCond('Progressing', 'True', progressingMsg.reason, progressingMsg.message);
    } else if (
      counts.updatedReplicas > (prevStatus.updatedReplicas ?? 0) ||
      counts.readyReplicas > (prevStatus.readyReplicas ?? 0) ||
      counts.availableReplicas > (prevStatus.availableReplicas ?? 0) ||
      counts.replicas - counts.updatedReplicas < (prevStatus.replicas ?? 0) - (prevStatus.updatedReplicas ?? 0)
    ) {
      setCond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
    } else if (!prog) {
      setCond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
    } else if (deadlineS !== undefined && prog.reason !== 'ProgressDeadlineExceeded' && prog.reason !== 'NewReplicaSetAvailable') {
      const elapsedSim = (clock.now() - Date.parse(prog.lastUpdateTime)) * clock.speed;
      if (elapsedSim >= deadlineS * 1000) {
        setCond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`);
        recorder.record(d, 'Warning', 'ProgressDeadlineExceeded', `Deployment "${name}" has timed out progressing.`, src);
      } else requeueAfterMs = deadlineS * 1000 - elapsedSim + 50;
    }
    // upstream getReplicaFailures: a ReplicaSet's ReplicaFailure condition (e.g. quota) shows on the Deployment
    const rsFailure = [newRS, ...all].map((rs) => ((rs as any)?.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure')).find(Boolean);
    if (rsFailure) {
      const t = rsFailure.lastTransitionTime;
      upsertCondition(conds, { type: 'ReplicaFailure', status: rsFailure.status, lastUpdateTime: t, lastTransitionTime: t, reason: rsFailure.reason, message: rsFailure.message }, now);
    } else removeCondition(conds, 'ReplicaFailure');
    const p2 = conds.find((c) => c.type === 'Progressing');
    if (!requeueAfterMs && !complete && !spec.paused && p2?.status === 'True' && deadlineS !== undefined)
      requeueAfterMs = deadlineS * 1000 + 50;
    conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
    const status = {
      observedGeneration: d.metadata.generation ?? 1,
      ...counts,
      conditions: conds,
      ...(prevStatus.collisionCount !== undefined ? { collisionCount: prevStatus.collisionCount } : {}),
    };
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const)
      if ((status as any)[k] === 0) delete (status as any)[k];
    const cmpOld = { ...prevStatus };
    if (changed(cmpOld, status)) client.patch(R.deployments, ns, name, 'merge', { status: { ...zeroed(prevStatus), ...status } }, { subresource: 'status' });
    if (recreateWait) requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, 500);
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  function createNewRS(d: KObject, all: KObject[], revision: number, strategy: string): KObject {
    const spec = (d as any).spec;
    const hash = templateHash(spec.template, (d as any).status?.collisionCount ?? 0);
    const template = structuredClone(spec.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
    const selector = structuredClone(spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const replicas = spec.replicas ?? 1;
    const { maxSurge } = surgeAndUnavailable(spec);
    const rs: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(template.metadata.labels ?? {}) },
        annotations: {
          ...copiedAnnotations(d),
          [REVISION]: String(revision),
          [DESIRED]: String(replicas),
          [MAX_REPLICAS]: String(replicas + maxSurge),
        },
        ownerReferences: [ownerRefTo(d)],
      },
      spec: { replicas: 0, minReadySeconds: spec.minReadySeconds ?? 0, selector, template },
    };
    let created: KObject;
    try {
      created = client.create(R.replicasets, rs);
    } catch (e) {
      if ((e as { code?: number }).code === 409) {
        // hash collision with an RS of another template: bump collisionCount and retry on the next pass
        client.patch(R.deployments, d.metadata.namespace, d.metadata.name!, 'merge', { status: { collisionCount: ((d as any).status?.collisionCount ?? 0) + 1 } }, { subresource: 'status' });
      }
      throw e;
    }
    const target = strategy === 'Recreate' ? 0 : newRSReplicas(spec, [...all, created], created);
    return target > 0 ? scaleRS(d, created, target) : created;
  }

  function cleanupHistory(d: KObject, all: KObject[], newRS: KObject | undefined): void {
    const limit = (d as any).spec?.revisionHistoryLimit ?? 10;
    const old = all
      .filter((rs) => rs !== newRS && ((rs as any).spec?.replicas ?? 0) === 0 && ((rs as any).status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, Math.max(0, old.length - limit))) {
      try {
        client.delete(R.replicasets, rs.metadata.namespace, rs.metadata.name!);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  return makeController(ctx, 'deployment', reconcile, (enqueue) => [
    watchAll(ctx, R.deployments, (e) => enqueue(keyOf(e.object))),
    watchAll(ctx, R.replicasets, (e) => {
      const k = ownerKey(e.object, 'Deployment');
      if (k) enqueue(k);
    }),
  ]);
}

/** Counts absent from the new status must be written as 0 (merge patch would otherwise keep old values). */
function zeroed(prev: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (prev[k] !== undefined) out[k] = null;
  return out;
}

