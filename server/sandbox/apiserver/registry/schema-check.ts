/**
 * The schema step every write ends with: OpenAPI (or CRD schema) validation with the request's
 * fieldValidation mode, pruning of unknown fields, and the name rules when no OpenAPI module is loaded.
 */
import type { KObject } from '../../types';
import type { ServedKind } from '../../kinds';
import { badRequest, invalid } from '../errors';
import type { Helpers } from '../helpers';
import type { KindRegistry } from '../kind-registry';
import { validateName } from '../meta';
import type { ReqCtx } from '../ops';

export function schemaCheck(helpers: Helpers, kinds: KindRegistry, k: ServedKind, o: KObject, ctx: ReqCtx): void {
  const oa = helpers.openapi;
  const mode = ctx.fieldValidation ?? 'Ignore';
  // the OpenAPI module validates names itself; the local rule is only the fallback without it
  const causes = oa ? [] : validateName(o, k.group);
  if (oa) {
    let r: ReturnType<typeof oa.validateObject> | undefined;
    try {
      r = oa.validateObject(o, { fieldValidation: mode, crds: kinds.crdObjects(), prune: true });
    } catch {
      // a validator bug must not make the object unwritable: store it unvalidated
      r = undefined;
    }
    if (r?.decodeError) throw badRequest(r.decodeError);
    if (r) {
      causes.push(...r.causes);
      const unknown = r.unknownFields.map((f) => `unknown field "${f.replace(/^\./, '')}"`);
      if (unknown.length && mode === 'Strict') {
        throw badRequest(`${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}: strict decoding error: ${unknown.join(', ')}`);
      }
      if (unknown.length && mode === 'Warn') ctx.warnings?.push(...unknown);
    }
  }
  if (causes.length) throw invalid(k.kind, k.group, o.metadata.name ?? '', causes);
}
