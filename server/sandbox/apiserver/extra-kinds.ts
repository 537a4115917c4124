/**
 * Request handling of the smaller v1.32 kinds that are not plain stored objects: ComponentStatuses
 * (read-only health of the simulated control plane), the namespaced bindings collection, and
 * CertificateSigningRequests (the requester recorded on create, approve/deny through `approval`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import { badRequest, invalid, methodNotAllowed, notFound, type StatusCause } from './errors';
import { sendJson } from './http-util';
import type { UserInfo } from './auth/user';
import type { ResourcePath, ServerDeps } from './server';
import { tableAccepted, toTable } from './table';

const CS_WARNING = 'v1 ComponentStatus is deprecated in v1.19+';

function componentStatuses(created: string): KObject[] {
  return ['controller-manager', 'scheduler', 'etcd-0'].map((name) => ({
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: created },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  }));
}

/** GET componentstatuses[/name]: always healthy (the sandbox's control plane lives in this process). */
export function handleComponentStatus(deps: ServerDeps, rp: ResourcePath, method: string, req: IncomingMessage, res: ServerResponse): void {
  if (method !== 'GET') throw methodNotAllowed();
  const ns = deps.api.store.get('/namespaces', 'default');
  const items = componentStatuses(ns?.metadata.creationTimestamp ?? new Date(0).toISOString());
  if (rp.name) {
    const one = items.find((i) => i.metadata.name === rp.name);
    if (!one) throw notFound('', 'componentstatuses', rp.name);
    return sendJson(res, 200, tableAccepted(req.headers.accept) ? toTable(deps.api, rp.kind, [one], {}, { includeObject: 'Metadata' }) : one, [CS_WARNING]);
  }
  const meta = { resourceVersion: '' };
  if (tableAccepted(req.headers.accept)) return sendJson(res, 200, toTable(deps.api, rp.kind, items, meta, { includeObject: 'Metadata' }), [CS_WARNING]);
  sendJson(res, 200, { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items }, [CS_WARNING]);
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** certificateSigningRequest strategy PrepareForCreate: the requester is who sent it, and status starts empty. */
export function prepareCsrCreate(body: KObject, user: UserInfo): void {
  const spec = ((body as Any).spec ??= {}) as Any;
  spec.username = user.username;
  if (user.uid) spec.uid = user.uid;
  else delete spec.uid;
  spec.groups = [...user.groups];
  if (user.extra) spec.extra = user.extra;
  else delete spec.extra;
  delete (body as Any).status;
}

/** ValidateCertificateSigningRequestCreate's checks that clients hit. */
export function validateCsr(o: KObject): StatusCause[] {
  const spec = ((o as Any).spec ?? {}) as Any;
  const causes: StatusCause[] = [];
  if (!spec.request) causes.push({ reason: 'FieldValueRequired', field: 'spec.request', message: 'Required value' });
  if (!spec.signerName) causes.push({ reason: 'FieldValueRequired', field: 'spec.signerName', message: 'Required value' });
  if (!Array.isArray(spec.usages) || !spec.usages.length) causes.push({ reason: 'FieldValueRequired', field: 'spec.usages', message: 'Required value' });
  return causes;
}

/** The approval subresource: only Approved/Denied conditions change, as ApprovalStrategy allows. */
export function approvalUpdate(k: ServedKind, cur: KObject, body: KObject): KObject {
  const conds: Any[] = (((body as Any).status?.conditions ?? []) as Any[]).map((c) => ({
    ...c,
    lastUpdateTime: c.lastUpdateTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    lastTransitionTime: c.lastTransitionTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    status: c.status || 'True',
  }));
  const types = new Set(conds.map((c) => c.type));
  if (types.has('Approved') && types.has('Denied')) {
    throw invalid(k.kind, k.group, cur.metadata.name ?? '', [
      { reason: 'FieldValueInvalid', field: 'status.conditions', message: 'Invalid value: "Approved": Approved and Denied conditions are mutually exclusive' },
    ]);
  }
  for (const c of conds) {
    if (!['Approved', 'Denied', 'Failed'].includes(c.type)) {
      throw badRequest(`status.conditions[].type: Unsupported value: "${c.type}"`);
    }
  }
  return { ...cur, status: { ...((cur as Any).status ?? {}), conditions: conds } };
}
