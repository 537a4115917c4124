/**
 * POST serviceaccounts/<name>/token (TokenRequest, what `kubectl create token` calls): a bound token for
 * the ServiceAccount, valid for spec.expirationSeconds (default 1 h, at least 10 min, at most 48 h here)
 * and for the API server's audience unless others are asked for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { badRequest, invalid, methodNotAllowed } from '../errors';
import { decodeObject, readBody, sendJson } from '../http-util';
import type { GenericRegistry } from '../ops';
import type { ResourcePath } from '../server';
import type { SandboxAuth } from './index';
import { API_AUDIENCES } from './tokens';

const DEFAULT_SECONDS = 3600;
const MIN_SECONDS = 600;
const MAX_SECONDS = 48 * 3600;

const TokenRequestBody = z.looseObject({
  spec: z
    .looseObject({
      audiences: z.array(z.string()).nullish(),
      expirationSeconds: z.union([z.number(), z.string()]).nullish(),
      boundObjectRef: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});

export async function handleTokenRequest(api: GenericRegistry, auth: SandboxAuth, rp: ResourcePath, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (method !== 'POST') throw methodNotAllowed();
  const ns = rp.namespace;
  const name = rp.name!;
  if (!ns) throw badRequest('the server could not find the requested resource');
  const parsed = TokenRequestBody.safeParse(decodeObject(await readBody(req), req.headers['content-type'], api.helpers) ?? {});
  if (!parsed.success) throw badRequest(`TokenRequest: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
  const spec = parsed.data.spec ?? {};
  const sa = api.get(rp.kind, ns, name);
  const seconds = spec.expirationSeconds === undefined || spec.expirationSeconds === null ? DEFAULT_SECONDS : Number(spec.expirationSeconds);
  if (!Number.isInteger(seconds) || seconds < MIN_SECONDS) {
    throw invalid('TokenRequest', 'authentication.k8s.io', '', [
      { reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes` },
    ]);
  }
  const audiences = spec.audiences?.length ? spec.audiences : API_AUDIENCES;
  const { token, exp } = auth.signer.issue(ns, name, sa.metadata.uid!, Math.min(seconds, MAX_SECONDS), audiences);
  sendJson(res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: null },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  });
}
