/**
 * When may a namespaced informer hand its subscribers over to an all-namespaces informer of the same
 * resource without a lost or repeated event? When both hold the same objects at the same resourceVersions
 * in that namespace: from then on the all-namespaces stream's events for the namespace are exactly what
 * comes after what the subscribers hold. resourceVersions are opaque (convention 5), so we do not compare
 * positions; instead we keep the set of keys on which the two stores differ (one full pass once both are
 * synced, then only the keys events touch) and fire when it is empty — normally within one watch chunk,
 * since both streams carry the same changes. A namespaced informer that never synced (nothing served from it)
 * folds as soon as the all-namespaces one has. `maxWaitMs` bounds the wait under a change stream so dense
 * that the two never line up; the caller then sends the difference (see views.ts foldDiff).
 */
import type { Informer, InformerEvent } from '../k8s/informer';
import { objectKey } from '../k8s/informer';

export interface FoldWatch {
  cancel(): void;
}

export function whenConsistent(
  from: Informer,
  to: Informer,
  namespace: string,
  ready: (forced: boolean) => void,
  maxWaitMs = 10_000,
): FoldWatch {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const offs: (() => void)[] = [];
  const differ = new Set<string>();
  const same = (key: string) => from.get(key)?.metadata.resourceVersion === to.get(key)?.metadata.resourceVersion;
  const finish = (forced: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    for (const off of offs) off();
    ready(forced);
  };
  // deferred past the informer's other listeners (the fan-out's batch queue among them) for the same events
  let queued = false;
  const maybeReady = () => {
    if (differ.size || queued || done) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      if (!differ.size) finish(false);
    });
  };
  const onEvents = (events: InformerEvent[]) => {
    for (const e of events) {
      if (e.object.metadata.namespace !== namespace) continue;
      const key = objectKey(e.object);
      if (same(key)) differ.delete(key);
      else differ.add(key);
    }
    maybeReady();
  };
  void to.whenSynced().then(() => {
    if (done) return;
    // nothing was ever served from an unsynced informer: no holdings to line up with
    if (!from.synced) return finish(false);
    for (const o of from.items()) if (!same(objectKey(o))) differ.add(objectKey(o));
    for (const o of to.items()) if (o.metadata.namespace === namespace && !from.get(objectKey(o))) differ.add(objectKey(o));
    offs.push(from.onEvents(onEvents), to.onEvents(onEvents));
    timer = setTimeout(() => finish(true), maxWaitMs);
    timer.unref?.();
    maybeReady();
  });
  return {
    cancel() {
      done = true;
      clearTimeout(timer);
      for (const off of offs) off();
    },
  };
}
