/**
 * Custom resources: the CRD's openAPIV3Schema checked with ajv, errors reworded the way the apiextensions
 * apiserver (kube-openapi's validator) words them. x-kubernetes-* keywords are ignored by ajv (strict off);
 * the ones that change validation are handled here: int-or-string (no type), embedded resources.
 */
import crypto from 'node:crypto';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { KSchema } from './schema-store';
import { invalid, notSupported, required, typeInvalid } from './field-errors';
import type { ValidationCause } from './types';

// unicodeRegExp off: CRD patterns are Go (RE2) regexps, which allow escapes like `\_` that a /u RegExp rejects.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, unicodeRegExp: false });
const compiled = new Map<string, ValidateFunction | null>();

/** Drops the parts ajv cannot or should not check: metadata (validated as ObjectMeta) and x-kubernetes-validations (CEL). */
function forAjv(s: unknown, root: boolean): unknown {
  if (!s || typeof s !== 'object') return s;
  if (Array.isArray(s)) return s.map((x) => forAjv(x, false));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
    if (k === 'x-kubernetes-validations' || k === '$ref' || k === 'gvk') continue;
    if (k === 'enum' || k === 'default' || k === 'example') {
      out[k] = v;
      continue;
    }
    if (k === 'properties' && v && typeof v === 'object') {
      const props = { ...(v as Record<string, unknown>) };
      if (root) delete props.metadata;
      out[k] = Object.fromEntries(Object.entries(props).map(([pk, pv]) => [pk, forAjv(pv, false)]));
      continue;
    }
    out[k] = forAjv(v, false);
  }
  // int-or-string nodes usually carry anyOf [integer, string] or no type at all; either passes ajv.
  if (out['x-kubernetes-int-or-string'] === true) delete out.type;
  return out;
}

function compile(schema: KSchema): ValidateFunction | null {
  const key = crypto.createHash('sha1').update(JSON.stringify(schema)).digest('hex');
  if (!compiled.has(key)) {
    try {
      compiled.set(key, ajv.compile(forAjv(schema, true) as object));
    } catch {
      compiled.set(key, null); // an uncompilable schema validates nothing, like a CRD without schema
    }
    if (compiled.size > 200) compiled.delete(compiled.keys().next().value as string);
  }
  return compiled.get(key)!;
}

function fieldOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function valueAt(obj: unknown, instancePath: string): unknown {
  let cur = obj;
  for (const seg of instancePath.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function jsType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function toCause(e: ErrorObject, obj: unknown): ValidationCause | undefined {
  const field = fieldOf(e.instancePath);
  const v = valueAt(obj, e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return typeInvalid(field, jsType(v), `${field} in body must be of type ${p.type}: ${JSON.stringify(jsType(v))}`);
    case 'required': {
      const f = field ? `${field}.${p.missingProperty}` : String(p.missingProperty);
      return required(f);
    }
    case 'enum':
      return notSupported(field, v, ((p.allowedValues as unknown[]) ?? []).map((x) => String(x)));
    case 'minimum':
      return invalid(field, v, `${field} in body should be greater than or equal to ${p.limit}`);
    case 'maximum':
      return invalid(field, v, `${field} in body should be less than or equal to ${p.limit}`);
    case 'exclusiveMinimum':
      return invalid(field, v, `${field} in body should be greater than ${p.limit}`);
    case 'exclusiveMaximum':
      return invalid(field, v, `${field} in body should be less than ${p.limit}`);
    case 'minLength':
      return invalid(field, v, `${field} in body should be at least ${p.limit} chars long`);
    case 'maxLength':
      return { reason: 'FieldValueTooLong', message: `Too long: may not be more than ${p.limit} bytes`, field };
    case 'pattern':
      return invalid(field, v, `${field} in body should match '${p.pattern}'`);
    case 'minItems':
      return invalid(field, v, `${field} in body should have at least ${p.limit} items`);
    case 'maxItems':
      return { reason: 'FieldValueTooMany', message: `Too many: ${Array.isArray(v) ? v.length : '?'}: must have at most ${p.limit} items`, field };
    case 'uniqueItems':
      return { reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(v)}`, field };
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
    case 'not':
      return invalid(field, v, `${field} in body must validate ${e.keyword}`);
    default:
      return invalid(field, v, e.message ?? 'invalid');
  }
}

function goMapValue(keys: Record<string, unknown>): string {
  return `map[string]interface {}{${Object.entries(keys).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
}

/** x-kubernetes-list-type set/map uniqueness, which the apiextensions apiserver enforces beyond JSON Schema. */
function listTypeCauses(value: unknown, s: KSchema | undefined, path: string, out: ValidationCause[]): void {
  if (!s || typeof s !== 'object' || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const lt = s['x-kubernetes-list-type'];
    const keys = s['x-kubernetes-list-map-keys'];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      let id: string | undefined;
      let shown = '';
      if (lt === 'set') {
        id = JSON.stringify(item);
        shown = JSON.stringify(item);
      } else if (lt === 'map' && Array.isArray(keys) && item && typeof item === 'object') {
        const k = Object.fromEntries(keys.filter((x) => (item as Record<string, unknown>)[x] !== undefined).map((x) => [x, (item as Record<string, unknown>)[x]]));
        id = JSON.stringify(k);
        shown = goMapValue(k);
      }
      if (id !== undefined) {
        if (seen.has(id)) out.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${shown}`, field: `${path}[${i}]` });
        seen.add(id);
      }
      listTypeCauses(item, s.items, `${path}[${i}]`, out);
    });
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const child = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    listTypeCauses(v, child, path ? `${path}.${k}` : k, out);
  }
}

export function validateCustomResource(obj: unknown, schema: KSchema | undefined): ValidationCause[] {
  if (!schema || typeof schema !== 'object') return [];
  const listCauses: ValidationCause[] = [];
  listTypeCauses(obj, schema, '', listCauses);
  const fn = compile(schema);
  if (!fn || fn(obj)) return listCauses;
  const causes: ValidationCause[] = [...listCauses];
  const seen = new Set<string>();
  for (const e of fn.errors ?? []) {
    // anyOf/oneOf branch failures come with their sub-errors; report the combinator once, not each branch.
    if (e.schemaPath.includes('/anyOf/') || e.schemaPath.includes('/oneOf/')) continue;
    const c = toCause(e, obj);
    if (!c) continue;
    const key = `${c.field}|${c.reason}|${c.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      causes.push(c);
    }
  }
  return causes;
}
