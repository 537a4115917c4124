/** Where an object lives: the request's namespace for namespaced kinds (none otherwise), which must exist and not be terminating for a create. */
import type { KObject } from '../../types';
import type { ServedKind } from '../../kinds';
import type { ObjectStore } from '../../store/store';
import { badRequest, notFound, StatusError } from '../errors';

export function placeNamespace(k: ServedKind, ns: string | undefined, o: KObject): void {
  if (k.namespaced) {
    if (o.metadata.namespace && ns && o.metadata.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    o.metadata.namespace = ns;
  } else delete o.metadata.namespace;
}

/** The NamespaceLifecycle admission plugin's checks for a create. */
export function checkNamespace(store: ObjectStore, k: ServedKind, ns: string | undefined): void {
  if (!k.namespaced) return;
  if (!ns) throw badRequest('the server could not find the requested resource');
  const nso = store.get('/namespaces', ns);
  if (!nso) throw notFound('', 'namespaces', ns);
  if (nso.metadata.deletionTimestamp) {
    throw new StatusError(403, 'Forbidden', `${k.resource}${k.group ? `.${k.group}` : ''} "${''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
      kind: k.resource,
      ...(k.group ? { group: k.group } : {}),
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}
