/** pods/eviction (honouring PodDisruptionBudgets) and pods/binding (the scheduler's write). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../types';
import { parseLabelSelector } from '../store/selectors';
import { badRequest, conflict, StatusError } from './errors';
import { decodeObject, readBody, sendJson } from './http-util';
import { cloneObj } from '../store/json-cache';
import { selectorString } from './scale';
import type { ServerDeps } from './server';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function handleEviction(deps: ServerDeps, ns: string, name: string, _url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { api } = deps;
  const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers) as Any;
  const podKind = api.kinds.lookup('', 'v1', 'pods')!;
  const pod = api.get(podKind, ns, name);
  const pdbKind = api.kinds.lookup('policy', 'v1', 'poddisruptionbudgets')!;
  const phase = (pod.status as Any | undefined)?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp) {
    for (const [, pdb] of api.store.scan('policy/poddisruptionbudgets', ns)) {
      const p = pdb as Any;
      const sel = parseLabelSelector(selectorString(p.spec?.selector));
      if (!sel || !sel(pod)) continue;
      if ((p.status?.disruptionsAllowed ?? 0) <= 0) {
        throw new StatusError(429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.', {
          causes: [
            {
              reason: 'DisruptionBudget',
              message: `The disruption budget ${p.metadata.name} needs ${p.status?.desiredHealthy ?? 0} healthy pods and has ${p.status?.currentHealthy ?? 0} currently`,
            },
          ],
        });
      }
      // upstream decrements disruptionsAllowed as it evicts so concurrent evictions stay within budget
      const next = cloneObj(pdb) as Any;
      next.status = { ...next.status, disruptionsAllowed: (p.status?.disruptionsAllowed ?? 1) - 1 };
      delete next.metadata.resourceVersion;
      api.write(pdbKind, next as KObject);
    }
  }
  api.delete(podKind, ns, name, body.deleteOptions ?? {});
  sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** pods/<name>/binding, or the namespace's bindings collection (name undefined: the body's metadata.name). */
export async function handleBinding(deps: ServerDeps, ns: string, podName: string | undefined, _url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { api } = deps;
  const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers) as Any;
  const name = podName ?? (body?.metadata?.name as string | undefined);
  if (!name) throw badRequest('name is required');
  if (podName && body?.metadata?.name && body.metadata.name !== podName) {
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${podName})`);
  }
  const podKind = api.kinds.lookup('', 'v1', 'pods')!;
  const pod = api.get(podKind, ns, name) as Any;
  const node = body.target?.name as string | undefined;
  if (pod.spec?.nodeName) throw conflict('', 'pods', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  const next = cloneObj(pod) as Any;
  next.spec.nodeName = node;
  delete next.metadata.resourceVersion;
  api.write(podKind, next as KObject);
  sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
