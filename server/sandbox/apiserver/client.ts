/**
 * The in-process SandboxClient used by the simulated controllers and kubelets. It goes through the
 * same semantic layer as HTTP requests (ops.ts), like kube-controller-manager going through the API.
 */
import type { DeleteOptions, KObject, ListOptions, PatchType, ResourceRef, SandboxClient, WatchEvent } from '../types';
import type { ServedKind } from '../kinds';
import { notFoundPath } from './errors';
import { listObjects } from './list';
import type { GenericRegistry } from './ops';
import { patchResource } from './patch-ops';
import { bookmarkObject, startWatch } from './watch';

const MANAGER = 'kube-controller-manager';

export function createSandboxClient(api: GenericRegistry): SandboxClient {
  const kind = (ref: ResourceRef): ServedKind => {
    const k = api.kinds.resolve(ref);
    if (!k) throw notFoundPath();
    return k;
  };
  return {
    get(ref, namespace, name) {
      return api.find(kind(ref), namespace, name);
    },
    list(ref, opts: ListOptions = {}) {
      const r = listObjects(api, kind(ref), opts);
      return { items: r.items, resourceVersion: r.resourceVersion };
    },
    create(ref, obj) {
      return api.create(kind(ref), obj.metadata?.namespace, obj, { fieldManager: MANAGER });
    },
    createSeeded(ref, objs) {
      return api.createSeeded(kind(ref), objs);
    },
    update(ref, obj) {
      return api.update(kind(ref), obj.metadata.namespace, obj.metadata.name ?? '', obj, { fieldManager: MANAGER });
    },
    updateStatus(ref, obj) {
      return api.update(kind(ref), obj.metadata.namespace, obj.metadata.name ?? '', obj, {
        fieldManager: MANAGER,
        subresource: 'status',
      });
    },
    patch(ref, namespace, name, type: PatchType, patch, opts = {}) {
      return patchResource(api, kind(ref), namespace, name, type, patch, {
        fieldManager: opts.fieldManager ?? MANAGER,
        force: opts.force,
        subresource: opts.subresource,
      }).obj;
    },
    delete(ref, namespace, name, opts: DeleteOptions = {}) {
      return api.delete(kind(ref), namespace, name, opts).obj;
    },
    watch(ref, opts, onEvent: (e: WatchEvent) => void) {
      const k = kind(ref);
      return startWatch(
        api,
        k,
        { ...opts, defer: true },
        {
          event: (type, object) => onEvent({ type, object }),
          bookmark: (rv, end) => onEvent({ type: 'BOOKMARK', object: bookmarkObject(k, rv, end) }),
          error: (status) => onEvent({ type: 'ERROR', object: status as unknown as KObject }),
        },
      );
    },
  };
}
