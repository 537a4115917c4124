/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** ControllerRevisions for StatefulSets and DaemonSets: one per distinct pod template, revision numbers like upstream. */
import type { KObject, SandboxClient } from '../../types';
import { stableStringify, templateHash } from './hash';
import { isNotFound } from './queue';
import { listOwned, ownerRefTo } from './pods';
import { R } from './refs';

function strip(t: any): any {
  const c = structuredClone(t ?? {});
  delete c.$patch;
  if (c.metadata) delete c.metadata.creationTimestamp;
  return c;
}

export const revisionTemplate = (cr: KObject): any => strip((cr as any).data?.spec?.template);

/** Ensures a revision for the owner's current template. Returns it and all revisions (sorted by revision). */
export function syncRevision(client: SandboxClient, owner: KObject): { update: KObject; all: KObject[]; hash: string } {
  const spec = (owner as any).spec ?? {};
  const ns = owner.metadata.namespace;
  let all = listOwned(client, R.controllerrevisions, ns, spec.selector, owner.metadata.uid!);
  const tpl = strip(spec.template);
  const key = stableStringify(tpl);
  const maxRev = Math.max(0, ...all.map((c) => Number((c as any).revision ?? 0)));
  let update = all.find((c) => stableStringify(revisionTemplate(c)) === key);
  const hash = templateHash(tpl);
  if (update) {
    if (Number((update as any).revision) < maxRev) {
      update = client.patch(R.controllerrevisions, ns, update.metadata.name!, 'merge', { revision: maxRev + 1 });
      all = all.map((c) => (c.metadata.uid === update!.metadata.uid ? update! : c));
    }
  } else {
    const labels: Record<string, string> = { ...(spec.selector?.matchLabels ?? {}), 'controller.kubernetes.io/hash': hash };
    update = client.create(R.controllerrevisions, {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      // both controllers copy the owner's annotations (kubernetes.io/change-cause shows in `rollout history`)
      metadata: {
        name: `${owner.metadata.name}-${hash}`,
        namespace: ns,
        labels,
        ...(owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(owner)],
      },
      data: { spec: { template: { ...tpl, $patch: 'replace' } } },
      revision: maxRev + 1,
    });
    all = [...all, update];
  }
  all.sort((a, b) => Number((a as any).revision) - Number((b as any).revision));
  return { update, all, hash: update.metadata.name!.slice(owner.metadata.name!.length + 1) };
}

/** Deletes the oldest revisions beyond revisionHistoryLimit that no live pod uses. */
export function pruneRevisions(client: SandboxClient, owner: KObject, all: KObject[], inUse: Set<string>): void {
  const limit = (owner as any).spec?.revisionHistoryLimit ?? 10;
  const candidates = all.filter((c) => !inUse.has(c.metadata.name!));
  for (const c of candidates.slice(0, Math.max(0, candidates.length - limit))) {
    try {
      client.delete(R.controllerrevisions, c.metadata.namespace, c.metadata.name!);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
