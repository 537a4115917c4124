/**
 * validateObject: what the real apiserver checks between decoding a request body and storing it.
 *   1. decoding (built-ins): wrong JSON types -> decodeError (400; mirrored as one cause), unknown fields -> unknownFields;
 *   2. custom resources: the CRD's openAPIV3Schema (422 causes), pruning -> unknownFields;
 *   3. hand-written per-kind rules (names, pod templates, selectors, service ports ...) -> causes (422).
 * Kinds with no schema (unknown GVK) pass: the caller has already answered 404 for those.
 */
import type { KObject } from '../../types';
import { typeInvalid } from './field-errors';
import { builtinKindDefinition, crdVersions, kindSchema } from './schema-store';
import type { ValidateOptions, ValidationResult } from './types';
import { validateCustomResource } from './validate-crd';
import { validateBuiltinRules } from './validate-rules';
import { walk } from './validate-walk';

export function validateObject(obj: KObject, opts: ValidateOptions): ValidationResult {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const gvk = { group, version, kind: String(obj.kind ?? '') };
  const k = kindSchema(gvk, opts.crds);
  if (!k) return { causes: [], unknownFields: [] };
  const builtin = builtinKindDefinition(gvk) !== undefined;
  const ctx = {
    lookup: k.lookup,
    unknown: [] as string[],
    collectUnknown: opts.fieldValidation !== 'Ignore',
    prune: opts.prune === true,
    goDecode: builtin,
    decodeError: undefined as string | undefined,
    decodeField: undefined as string | undefined,
    decodeValue: undefined as unknown,
  };
  walk(obj, k.schema, '', '', gvk.kind, ctx);
  if (ctx.decodeError) {
    return {
      causes: [typeInvalid(ctx.decodeField ?? '', ctx.decodeValue, ctx.decodeError)],
      unknownFields: ctx.unknown,
      decodeError: `${gvk.kind} in version "${version}" cannot be handled as a ${gvk.kind}: ${ctx.decodeError}`,
    };
  }
  const causes = validateBuiltinRules(obj, group);
  if (!builtin) {
    const crv = opts.crds.flatMap(crdVersions).find((v) => v.group === group && v.version === version && v.kind === gvk.kind);
    causes.push(...validateCustomResource(obj, crv?.schema));
  }
  return { causes, unknownFields: ctx.unknown };
}
