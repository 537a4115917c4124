/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * StatefulSet controller: stable ordinal pods (<name>-<i>) with per-ordinal PVCs, OrderedReady or Parallel
 * management, RollingUpdate from the highest ordinal down to the partition (one at a time, or up to
 * rollingUpdate.maxUnavailable), OnDelete, ControllerRevisions.
 */
import type { KObject } from '../types';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { isPodAvailable, isPodReady, isTerminal, listOwned, podFromTemplate } from './lib/pods';
import { splitKey } from './lib/queue';
import { R } from './lib/refs';
import { pruneRevisions, revisionTemplate, syncRevision } from './lib/revisions';
import { resolveIntOrPercent } from './deployment-util';

const REV_LABEL = 'controller-revision-hash';

export const ordinalOf = (sts: string, pod: string): number => {
  const m = new RegExp(`^${sts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod);
  return m ? Number(m[1]) : -1;
};

export function startStatefulSetController(ctx: Ctx) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'statefulset-controller' };

  function ensurePvcs(sts: KObject, ordinal: number): void {
    for (const t of (sts as any).spec?.volumeClaimTemplates ?? []) {
      const name = `${t.metadata?.name}-${sts.metadata.name}-${ordinal}`;
      if (client.get(R.pvcs, sts.metadata.namespace, name)) continue;
      client.create(R.pvcs, {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: sts.metadata.namespace, labels: { ...((sts as any).spec?.selector?.matchLabels ?? {}) } },
        spec: { storageClassName: 'standard', ...structuredClone(t.spec ?? {}) },
      });
      recorder.record(sts, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name} success`, src);
    }
  }

  function makePod(sts: KObject, ordinal: number, rev: KObject): KObject {
    const spec = (sts as any).spec;
    const name = `${sts.metadata.name}-${ordinal}`;
    const pod = podFromTemplate({ metadata: spec.template?.metadata, spec: revisionTemplate(rev).spec }, sts, {
      name,
      hostname: name,
      subdomain: spec.serviceName,
      labels: {
        [REV_LABEL]: rev.metadata.name!,
        'statefulset.kubernetes.io/pod-name': name,
        'apps.kubernetes.io/pod-index': String(ordinal),
      },
    });
    const vols = ((pod as any).spec.volumes ??= []) as any[];
    for (const t of spec.volumeClaimTemplates ?? []) {
      if (vols.some((v) => v.name === t.metadata?.name)) continue;
      vols.push({ name: t.metadata?.name, persistentVolumeClaim: { claimName: `${t.metadata?.name}-${name}` } });
    }
    return pod;
  }

  function deletePod(sts: KObject, p: KObject): void {
    client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
    recorder.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`, src);
  }

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const sts = client.get(R.statefulsets, ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const spec = (sts as any).spec ?? {};
    const replicas: number = spec.replicas ?? 1;
    const { update, all } = syncRevision(client, sts);
    const prev = (sts as any).status ?? {};
    let currentName: string = prev.currentRevision && all.some((c) => c.metadata.name === prev.currentRevision) ? prev.currentRevision : update.metadata.name!;
    const current = all.find((c) => c.metadata.name === currentName) ?? update;
    const pods = listOwned(client, R.pods, ns, spec.selector, sts.metadata.uid!);
    const byOrd = new Map<number, KObject>();
    for (const p of pods) byOrd.set(ordinalOf(name, p.metadata.name!), p);
    const ordered = (spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const partition: number = rolling ? spec.updateStrategy?.rollingUpdate?.partition ?? 0 : 0;
    const healthy = (p: KObject) => !p.metadata.deletionTimestamp && (p as any).status?.phase === 'Running' && isPodReady(p);
    let blocked = false;

    // create / replace, lowest ordinal first
    for (let i = 0; i < replicas; i++) {
      const p = byOrd.get(i);
      if (p && isTerminal(p) && !p.metadata.deletionTimestamp) {
        client.delete(R.pods, ns, p.metadata.name!);
        recorder.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, src);
        blocked = true;
        if (ordered) break;
        continue;
      }
      if (!p) {
        ensurePvcs(sts, i);
        const rev = rolling && i < partition ? current : update;
        const created = client.create(R.pods, makePod(sts, i, rev));
        byOrd.set(i, created);
        recorder.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${created.metadata.name} in StatefulSet ${name} successful`, src);
        blocked = true;
        if (ordered) break;
        continue;
      }
      if (ordered && !healthy(p)) {
        blocked = true;
        break;
      }
    }
    // scale down, highest ordinal first, one at a time when ordered
    if (!blocked) {
      const extra = [...byOrd.entries()].filter(([i]) => i >= replicas).sort((a, b) => b[0] - a[0]);
      const terminating = extra.some(([, p]) => p.metadata.deletionTimestamp);
      for (const [, p] of extra) {
        if (ordered && terminating) break;
        if (p.metadata.deletionTimestamp) continue;
        client.delete(R.pods, ns, p.metadata.name!);
        recorder.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, src);
        blocked = true;
        if (ordered) break;
      }
    }
    const minReadyMs = clock.real((spec.minReadySeconds ?? 0) * 1000);
    // rolling update from the highest ordinal down to the partition, only when all are healthy: one pod at a time,
    // or with rollingUpdate.maxUnavailable (upstream's MaxUnavailableStatefulSet) up to that many unavailable at once
    if (!blocked && rolling) {
      const maxU = spec.updateStrategy?.rollingUpdate?.maxUnavailable;
      const live = [...byOrd.entries()].filter(([i]) => i < replicas);
      const stale = (p: KObject) => p.metadata.labels?.[REV_LABEL] !== update.metadata.name && !p.metadata.deletionTimestamp;
      if (maxU !== undefined) {
        const unavailable = replicas - live.filter(([, p]) => healthy(p) && isPodAvailable(p, minReadyMs)).length;
        let budget = Math.max(1, resolveIntOrPercent(maxU, replicas, false, '1')) - unavailable;
        for (let i = replicas - 1; i >= partition && budget > 0; i--) {
          const p = byOrd.get(i);
          if (p && stale(p)) {
            deletePod(sts, p);
            budget--;
          }
        }
      } else if (live.length === replicas && live.every(([, p]) => healthy(p))) {
        for (let i = replicas - 1; i >= partition; i--) {
          const p = byOrd.get(i)!;
          if (stale(p)) {
            deletePod(sts, p);
            break;
          }
        }
      }
    }

    const fresh = listOwned(client, R.pods, ns, spec.selector, sts.metadata.uid!).filter((p) => !isTerminal(p));
    const live = fresh.filter((p) => ordinalOf(name, p.metadata.name!) < replicas);
    const status: Record<string, unknown> = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: fresh.length,
      readyReplicas: fresh.filter(isPodReady).length,
      availableReplicas: fresh.filter((p) => isPodAvailable(p, minReadyMs)).length,
      currentReplicas: fresh.filter((p) => p.metadata.labels?.[REV_LABEL] === currentName).length,
      updatedReplicas: fresh.filter((p) => p.metadata.labels?.[REV_LABEL] === update.metadata.name).length,
      currentRevision: currentName,
      updateRevision: update.metadata.name,
      collisionCount: prev.collisionCount ?? 0,
    };
    const done = live.length === replicas && (status.updatedReplicas as number) === replicas && live.every(isPodReady);
    if (done && currentName !== update.metadata.name) {
      currentName = update.metadata.name!;
      status.currentRevision = currentName;
      status.currentReplicas = status.updatedReplicas;
    }
    if (changed({ ...prev, conditions: undefined, availableReplicas: prev.availableReplicas ?? 0 }, { ...status, conditions: undefined })) {
      client.patch(R.statefulsets, ns, name, 'merge', { status }, { subresource: 'status' });
    }
    const inUse = new Set<string>([currentName, update.metadata.name!, ...fresh.map((p) => p.metadata.labels?.[REV_LABEL] ?? '')]);
    pruneRevisions(client, sts, all, inUse);
    return undefined;
  }

  return makeController(ctx, 'statefulset', reconcile, (enqueue) => [
    watchAll(ctx, R.statefulsets, (e) => enqueue(keyOf(e.object))),
    watchAll(ctx, R.pods, (e) => {
      const k = ownerKey(e.object, 'StatefulSet');
      if (k) enqueue(k);
    }),
  ]);
}

