/**
 * What the decoding step of upstream's create and update handlers refuses before anything else runs: a body
 * of another kind than the URL's (transformDecodeError), another API version of the group, or a metadata
 * that is not an object (the Go decoder's type error).
 */
import type { KObject } from '../types';
import { apiVersionOf, type ServedKind } from '../kinds';
import { badRequest } from './errors';
import { goJsonKind } from './go-json-error';

/** Go package of the internal type a kind converts to ("core" for the legacy group, else the group's first label). */
function internalPackage(group: string): string {
  return group ? group.split('.')[0] : 'core';
}

export function checkBodyType(k: ServedKind, body: KObject | null, custom: boolean): void {
  if (!body || typeof body !== 'object') return;
  const av = typeof body.apiVersion === 'string' && body.apiVersion ? body.apiVersion : apiVersionOf(k);
  const kind = typeof body.kind === 'string' && body.kind ? body.kind : k.kind;
  const version = av.includes('/') ? av.slice(av.indexOf('/') + 1) : av;
  if (kind !== k.kind) {
    const why = custom ? `${kind} is not a ${k.kind}` : `converting (${version}.${kind}) to (${internalPackage(k.group)}.${k.kind}): unknown conversion`;
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${k.kind}: ${why}`);
  }
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  if (group !== k.group || version !== k.version) {
    throw badRequest(`the API version in the data (${av}) does not match the expected API version (${apiVersionOf(k)})`);
  }
  const m = (body as { metadata?: unknown }).metadata;
  if (m !== undefined && m !== null && (typeof m !== 'object' || Array.isArray(m))) {
    throw badRequest(`${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}: json: cannot unmarshal ${goJsonKind(m)} into Go struct field ${k.kind}.metadata of type v1.ObjectMeta`);
  }
}
