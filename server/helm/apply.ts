/**
 * Applying and deleting a release's objects as helm's kube client does for a rollback (kube.Client.Update):
 * every object of the target manifest is created when missing, else patched with the change from the
 * current manifest's version of it to the target's (a three-way JSON merge patch, so fields the chart dropped
 * are removed and fields others set are left alone); objects of the current manifest that the target lacks
 * are deleted unless annotated helm.sh/resource-policy: keep. Helm's ownership metadata is set on every object
 * (setMetadataVisitor: the managed-by label and the release-name/-namespace annotations).
 * Helm 3 uses a strategic merge patch for built-in kinds; a JSON merge patch replaces lists (e.g. containers)
 * wholesale with the target's, which is what the chart rendered.
 */
import type { K8sClient } from '../k8s/client';
import { K8sApiError } from '../k8s/errors';
import { resourcePath } from '../k8s/paths';
import { createMergePatch } from '../../lib/yaml/merge-patch';
import type { JsonObject } from '../../lib/yaml/clean';
import type { AccessCheck } from '../../lib/auth-types';
import { keepsOnDelete, objectKey, type ResolvedObject } from './manifest';

export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const RELEASE_NAME = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE = 'meta.helm.sh/release-namespace';

/** helm's setMetadataVisitor */
export function withOwnership(body: Record<string, unknown>, release: string, namespace: string): Record<string, unknown> {
  const meta = { ...((body.metadata as Record<string, unknown>) ?? {}) };
  meta.labels = { ...((meta.labels as Record<string, string>) ?? {}), [MANAGED_BY]: 'Helm' };
  meta.annotations = { ...((meta.annotations as Record<string, string>) ?? {}), [RELEASE_NAME]: release, [RELEASE_NAMESPACE]: namespace };
  return { ...body, metadata: meta };
}

export interface ObjectPlan {
  apply: { obj: ResolvedObject; original?: ResolvedObject; exists: boolean }[];
  remove: ResolvedObject[];
}

function pathOf(o: ResolvedObject, named = true): string {
  const i = o.info!;
  return resourcePath({ group: i.group, version: i.version, resource: i.resource, namespace: o.namespace, ...(named ? { name: o.name } : {}) });
}

export function unresolved(objs: ResolvedObject[]): string[] {
  return objs.filter((o) => !o.info).map((o) => `${o.kind} (${o.apiVersion}) "${o.name}"`);
}

/** Which target objects exist now (read as the person) and which current ones the target lacks. */
export async function planUpdate(client: K8sClient, current: ResolvedObject[], target: ResolvedObject[]): Promise<ObjectPlan> {
  const inTarget = new Set(target.map(objectKey));
  const originals = new Map(current.map((o) => [objectKey(o), o]));
  const apply = await Promise.all(
    target.map(async (obj) => {
      let exists = true;
      try {
        await client.request({ path: pathOf(obj) });
      } catch (e) {
        if (!(e instanceof K8sApiError && e.status === 404)) throw e;
        exists = false;
      }
      return { obj, original: originals.get(objectKey(obj)), exists };
    }),
  );
  return { apply, remove: current.filter((o) => o.info && !inTarget.has(objectKey(o)) && !keepsOnDelete(o)) };
}

/** The access each step of the plan needs (refused up front when any is missing). */
export function planChecks(plan: ObjectPlan): AccessCheck[] {
  const check = (verb: AccessCheck['verb'], o: ResolvedObject): AccessCheck => ({ verb, group: o.info!.group, resource: o.info!.resource, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name });
  return [...plan.apply.map((a) => (a.exists ? check('patch', a.obj) : { ...check('create', a.obj), name: undefined })), ...plan.remove.map((o) => check('delete', o))];
}

export function deleteChecks(objs: ResolvedObject[]): AccessCheck[] {
  return objs.filter((o) => o.info).map((o) => ({ verb: 'delete', group: o.info!.group, resource: o.info!.resource, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name }));
}

export async function applyPlan(client: K8sClient, plan: ObjectPlan, release: string, namespace: string): Promise<void> {
  for (const a of plan.apply) {
    const target = withOwnership({ ...a.obj.body, metadata: { ...((a.obj.body.metadata as object) ?? {}), ...(a.obj.namespace ? { namespace: a.obj.namespace } : {}) } }, release, namespace);
    if (!a.exists) {
      await client.request({ method: 'POST', path: pathOf(a.obj, false), body: target });
      continue;
    }
    const from = a.original ? withOwnership(a.original.body, release, namespace) : {};
    const patch = createMergePatch(from as JsonObject, target as JsonObject);
    if (Object.keys(patch).length === 0) continue;
    await client.request({ method: 'PATCH', path: pathOf(a.obj), body: patch, contentType: 'application/merge-patch+json' });
  }
  for (const o of plan.remove) await deleteObject(client, o);
}

export async function deleteObject(client: K8sClient, o: ResolvedObject): Promise<void> {
  try {
    await client.request({ method: 'DELETE', path: pathOf(o), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
  } catch (e) {
    if (!(e instanceof K8sApiError && e.status === 404)) throw e;
  }
}
