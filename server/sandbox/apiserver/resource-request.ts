/**
 * What every resource request needs besides its verb: the write context from the query (dryRun,
 * fieldValidation, fieldManager), the requester, DeleteOptions, the patch type, and answering with an
 * object as JSON, a Table or PartialObjectMetadata.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeleteOptions, KObject, PatchType } from '../types';
import { bytesOf } from '../store/json-cache';
import { badRequest, invalid } from './errors';
import { boolParam, mediaType, parseJson, parseYaml, readBody, sendJson, sendJsonObject, sendJsonText, unsupported } from './http-util';
import type { ReqCtx } from './ops';
import type { ResourcePath, ServerDeps } from './server';
import { tableAccepted, toTable, type TableOptions } from './table';
import { metadataAccepted, partialObjectText } from './meta-view';
import { escalationCheck } from './auth/escalation';
import { requestUser } from './auth/index';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

function checkDryRun(dry: unknown[]): boolean {
  for (const d of dry) if (d !== 'All') throw badRequest(`dryRun: Unsupported value: "${String(d)}": supported values: "All"`);
  return dry.length > 0;
}

export function reqCtx(url: URL, req: IncomingMessage): ReqCtx {
  const q = url.searchParams;
  const dry = q.getAll('dryRun');
  checkDryRun(dry);
  const fv = q.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv)) {
    throw badRequest(`fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`);
  }
  const fm = q.get('fieldManager') ?? undefined;
  if (fm !== undefined && fm.length > 128) throw badRequest('fieldManager: Too long: may not be longer than 128');
  return {
    dryRun: dry.length > 0,
    fieldManager: fm,
    fieldValidation: fv as ReqCtx['fieldValidation'],
    userAgent: req.headers['user-agent'],
    warnings: [],
    ownedBody: true,
  };
}

/** reqCtx for create/update/patch of the main resource: adds the RBAC escalation check where it applies. */
export function writeCtx(deps: ServerDeps, rp: ResourcePath, url: URL, req: IncomingMessage): ReqCtx {
  const ctx = reqCtx(url, req);
  ctx.user = requestUser(req);
  const admit = escalationCheck(deps.auth?.rbac, req, rp);
  if (admit) ctx.admit = admit;
  return ctx;
}

export function tableOpts(url: URL): TableOptions {
  const inc = url.searchParams.get('includeObject');
  return { includeObject: inc === 'None' || inc === 'Object' ? inc : 'Metadata' };
}

export function sendObject(deps: ServerDeps, rp: ResourcePath, req: IncomingMessage, res: ServerResponse, code: number, obj: KObject, url: URL, warnings?: string[]): void {
  if (tableAccepted(req.headers.accept) && obj.kind === rp.kind.kind && !rp.sub) {
    return sendJson(res, code, toTable(deps.api, rp.kind, [obj], { resourceVersion: obj.metadata.resourceVersion }, tableOpts(url)), warnings);
  }
  if (metadataAccepted(req.headers.accept, false) && obj.kind === rp.kind.kind && !rp.sub) return sendJsonText(res, code, partialObjectText(obj), 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1', warnings);
  sendJsonObject(res, code, bytesOf(obj), warnings);
}

export async function readPatch(req: IncomingMessage, custom: boolean): Promise<{ type: PatchType; patch: unknown }> {
  const mt = mediaType(req.headers['content-type']);
  const type = PATCH_TYPES[mt];
  const allowed = Object.keys(PATCH_TYPES).filter((t) => !(custom && t.includes('strategic')));
  if (!type || (custom && type === 'strategic')) throw unsupported(allowed);
  const buf = await readBody(req);
  return { type, patch: type === 'apply' ? parseYaml(buf) : parseJson(buf) };
}

/** DeleteOptions from the query and the body (kubectl sends dryRun and propagationPolicy in the body). */
export async function deleteOptions(url: URL, req: IncomingMessage): Promise<DeleteOptions & { dryRun: boolean; orphanDependents?: boolean }> {
  const q = url.searchParams;
  const buf = await readBody(req);
  const parsed = buf.length ? parseJson(buf) : {};
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed} into Go value of type v1.DeleteOptions`);
  }
  const body = (parsed ?? {}) as Record<string, unknown>;
  const grace = q.get('gracePeriodSeconds') ?? (body.gracePeriodSeconds as number | undefined);
  let policy = (q.get('propagationPolicy') ?? body.propagationPolicy) as DeleteOptions['propagationPolicy'] | undefined;
  const orphanQ = boolParam(q.get('orphanDependents'));
  const orphan = orphanQ ?? (typeof body.orphanDependents === 'boolean' ? body.orphanDependents : undefined);
  if (orphan !== undefined && policy !== undefined) {
    throw invalid('DeleteOptions', 'meta.k8s.io', '', [
      { reason: 'FieldValueInvalid', field: 'propagationPolicy', message: `Invalid value: "${policy}": orphanDependents and deletionPropagation cannot be both set` },
    ]);
  }
  if (policy === undefined && orphan !== undefined) policy = orphan ? 'Orphan' : 'Background';
  if (policy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const bodyDry = Array.isArray(body.dryRun) ? (body.dryRun as unknown[]) : [];
  const dryRun = checkDryRun([...q.getAll('dryRun'), ...bodyDry]);
  return {
    ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(body.preconditions ? { preconditions: body.preconditions as DeleteOptions['preconditions'] } : {}),
    ...(orphan !== undefined ? { orphanDependents: orphan } : {}),
    dryRun,
  };
}
