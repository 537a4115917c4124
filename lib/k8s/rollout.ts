/**
 * Rollout history and rollback as pure functions, with kubectl's semantics (kubectl/pkg/polymorphichelpers
 * history.go and rollback.go): Deployment revisions come from their ReplicaSets, StatefulSet and DaemonSet
 * revisions from ControllerRevisions. The BFF computes patches with these; the UI reuses the shapes.
 * Known limit: revision numbers are compared as integers (they are annotations / int64 fields, not
 * resourceVersions, so parsing them is what kubectl does too).
 */
import { z } from 'zod';
import type { K8sObject } from './types';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Annotations kubectl rollout undo keeps from the Deployment instead of copying from the ReplicaSet. */
export const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export const revisionSchema = z.object({
  revision: z.number().int(),
  /** ReplicaSet or ControllerRevision name */
  name: z.string(),
  created: z.string().optional(),
  changeCause: z.string().optional(),
  images: z.array(z.string()),
  /** pods the revision runs now (ReplicaSet status.replicas, or pods labelled with the revision hash) */
  pods: z.number().int(),
  current: z.boolean(),
  template: z.record(z.string(), z.unknown()),
});
export type Revision = z.infer<typeof revisionSchema>;

export const historyResponse = z.object({ kind: z.string(), revisions: z.array(revisionSchema) });
export type HistoryResponse = z.infer<typeof historyResponse>;

export type JsonPatchOp = { op: 'test' | 'replace' | 'add' | 'remove'; path: string; value?: unknown };

export class RolloutError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Stable JSON (sorted keys) so template equality does not depend on key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The pod template without the controller's hash label (and with creationTimestamp: null dropped). */
export function templateWithoutHash(tpl: Json): Json {
  const t = clone(tpl ?? {});
  if (t.metadata) {
    if (t.metadata.labels) {
      delete t.metadata.labels[POD_TEMPLATE_HASH];
      if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
    }
    if (t.metadata.creationTimestamp == null) delete t.metadata.creationTimestamp;
    if (Object.keys(t.metadata).length === 0) delete t.metadata;
  }
  delete t.$patch;
  return t;
}

export function equalIgnoreHash(a: Json, b: Json): boolean {
  return stableJson(templateWithoutHash(a)) === stableJson(templateWithoutHash(b));
}

export function templateImages(tpl: Json): string[] {
  const spec = tpl?.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c: { image?: string }) => c.image ?? '').filter(Boolean);
}

/** Objects whose controller owner reference points at `owner` (by uid, as kubectl's history does). */
export function ownedBy(items: K8sObject[], owner: K8sObject): K8sObject[] {
  const uid = owner.metadata.uid;
  return items.filter((o) => (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid));
}

function rsRevision(rs: K8sObject): number {
  const n = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(n) ? n : 0;
}

/** Deployment history from its ReplicaSets (those without a revision annotation are skipped, like kubectl). */
export function deploymentRevisions(deploy: K8sObject, replicaSets: K8sObject[]): Revision[] {
  return ownedBy(replicaSets, deploy)
    .filter((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] !== undefined)
    .map((rs) => ({
      revision: rsRevision(rs),
      name: rs.metadata.name,
      created: rs.metadata.creationTimestamp as string | undefined,
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
      images: templateImages(rs.spec?.template),
      pods: Number(rs.status?.replicas ?? 0),
      current: equalIgnoreHash(rs.spec?.template, deploy.spec?.template),
      template: templateWithoutHash(rs.spec?.template),
    }))
    .sort((a, b) => a.revision - b.revision);
}

/** StatefulSet / DaemonSet history from ControllerRevisions; podsByHash counts pods per controller-revision-hash. */
export function controllerRevisions(owner: K8sObject, revisions: K8sObject[], podsByHash: Record<string, number> = {}): Revision[] {
  return ownedBy(revisions, owner)
    .map((cr) => {
      const tpl = (cr.data as Json)?.spec?.template;
      return {
        revision: Number(cr.revision ?? 0),
        name: cr.metadata.name,
        created: cr.metadata.creationTimestamp as string | undefined,
        changeCause: cr.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
        images: templateImages(tpl),
        pods: podsByHash[cr.metadata.name] ?? 0,
        current: equalIgnoreHash(tpl, owner.spec?.template),
        template: templateWithoutHash(tpl),
      };
    })
    .sort((a, b) => a.revision - b.revision);
}

/** kubectl's choice: toRevision 0 means the previous revision (second highest). */
export function pickRevision<T extends { revision: number }>(history: T[], toRevision: number, kind: string): T {
  if (history.length === 0) throw new RolloutError(`no rollout history found for ${kind}`, 404, 'NotFound');
  if (toRevision === 0) {
    const sorted = [...history].sort((a, b) => b.revision - a.revision);
    if (sorted.length < 2) throw new RolloutError(`no last revision to roll back to`, 400, 'BadRequest');
    return sorted[1];
  }
  const hit = history.find((h) => h.revision === toRevision);
  if (!hit) throw new RolloutError(`unable to find specified revision ${toRevision} in history`, 404, 'NotFound');
  return hit;
}

export type RollbackPlan =
  | { skipped: true; message: string }
  | { skipped: false; patchType: 'application/json-patch+json' | 'application/strategic-merge-patch+json'; patch: unknown; revision: number };

/**
 * Deployment rollback: a JSON patch replacing /spec/template (hash label removed) and /metadata/annotations
 * (the ReplicaSet's, except those kubectl keeps from the Deployment), guarded by a test op on resourceVersion
 * so a concurrent change makes it fail with a conflict instead of being overwritten.
 */
export function deploymentRollback(deploy: K8sObject, replicaSets: K8sObject[], toRevision: number): RollbackPlan {
  if (deploy.spec?.paused) {
    throw new RolloutError(`you cannot rollback a paused deployment; resume it first with kubectl rollout resume and try again`, 400, 'BadRequest');
  }
  const owned = ownedBy(replicaSets, deploy).filter((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] !== undefined);
  const target = pickRevision(owned.map((rs) => ({ revision: rsRevision(rs), rs })), toRevision, 'deployment').rs;
  const revision = rsRevision(target);
  if (equalIgnoreHash(target.spec?.template, deploy.spec?.template)) {
    return { skipped: true, message: `skipped rollback (current template already matches revision ${revision})` };
  }
  const annotations: Record<string, string> = {};
  const current = deploy.metadata.annotations ?? {};
  for (const k of ANNOTATIONS_TO_SKIP) if (current[k] !== undefined) annotations[k] = current[k];
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const template = clone(target.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const patch: JsonPatchOp[] = [
    { op: 'test', path: '/metadata/resourceVersion', value: deploy.metadata.resourceVersion },
    { op: 'replace', path: '/spec/template', value: template },
    // 'add' replaces an existing member and also works when the object has no annotations yet
    { op: 'add', path: '/metadata/annotations', value: annotations },
  ];
  return { skipped: false, patchType: 'application/json-patch+json', patch, revision };
}

/**
 * StatefulSet / DaemonSet rollback: the ControllerRevision's data is itself a strategic merge patch
 * ({spec: {template: {..., $patch: replace}}}); we add metadata.resourceVersion, which the API server treats
 * as an optimistic-concurrency precondition for patches.
 */
export function controllerRollback(owner: K8sObject, revisions: K8sObject[], toRevision: number, kind: string): RollbackPlan {
  const owned = ownedBy(revisions, owner);
  const target = pickRevision(owned.map((cr) => ({ revision: Number(cr.revision ?? 0), cr })), toRevision, kind).cr;
  const data = clone((target.data as Json) ?? {});
  const revision = Number(target.revision ?? 0);
  if (equalIgnoreHash(data?.spec?.template, owner.spec?.template)) {
    return { skipped: true, message: `skipped rollback (current template already matches revision ${revision})` };
  }
  const patch = { ...data, metadata: { ...(data.metadata ?? {}), resourceVersion: owner.metadata.resourceVersion } };
  return { skipped: false, patchType: 'application/strategic-merge-patch+json', patch, revision };
}

/** kubectl rollout restart: stamp the pod template so the controller rolls every pod. */
export function restartPatch(now: Date = new Date()): { spec: { template: { metadata: { annotations: Record<string, string> } } } } {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString().replace(/\.\d{3}Z$/, 'Z') } } } } };
}

export interface RolloutProgress {
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** Progressing=False with ProgressDeadlineExceeded: the rollout has given up */
  stuck: boolean;
  stuckMessage?: string;
  complete: boolean;
  paused: boolean;
}

/** Deployment rollout progress from status, the way `kubectl rollout status` reads it. */
export function deploymentProgress(d: K8sObject): RolloutProgress {
  const s = d.status ?? {};
  const desired = Number(d.spec?.replicas ?? 1);
  const updated = Number(s.updatedReplicas ?? 0);
  const ready = Number(s.readyReplicas ?? 0);
  const available = Number(s.availableReplicas ?? 0);
  const progressing = (s.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
  const stuck = progressing?.status === 'False' && progressing?.reason === 'ProgressDeadlineExceeded';
  const observed = s.observedGeneration === undefined || Number(s.observedGeneration) >= Number(d.metadata.generation ?? 0);
  const complete = observed && updated >= desired && Number(s.replicas ?? 0) <= updated && available >= updated;
  return { desired, updated, ready, available, stuck, stuckMessage: stuck ? progressing?.message : undefined, complete, paused: Boolean(d.spec?.paused) };
}
