/**
 * Structural walk of an object against its schema: collects unknown fields (what the real apiserver's
 * strict decoder / CRD pruning would drop) and, for built-in kinds, the first type error as the Go JSON
 * decoder words it (the real apiserver answers those with 400 BadRequest, not 422, before validation runs).
 */
import { resolveSchema, type KSchema } from './schema-store';
import { isQuantity } from '../../../../lib/k8s/machinery/quantity';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

export interface WalkContext {
  lookup: (n: string) => KSchema | undefined;
  unknown: string[];
  collectUnknown: boolean;
  /** delete unknown fields from the object as they are found (upstream never stores them) */
  prune?: boolean;
  /** built-in kinds: report Go decode errors; CRDs leave type checks to the JSON Schema validator */
  goDecode: boolean;
  decodeError?: string;
  decodeField?: string;
  decodeValue?: unknown;
}

function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string | number | object
}

function goTypeName(s: KSchema, refName: string | undefined, lookup: (n: string) => KSchema | undefined): string {
  if (refName === QUANTITY) return 'resource.Quantity';
  if (refName && s.format === 'int-or-string') return 'intstr.IntOrString';
  if (refName && s.format === 'date-time') return 'v1.Time';
  switch (s.type) {
    case 'integer':
      return s.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'array':
      return `[]${s.items ? goTypeName(resolveSchema(s.items, lookup), s.items.ref, lookup) : 'interface {}'}`;
    case 'object':
      if (refName) return `${refName.split('.').slice(-2).join('.')}`;
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        const ap = s.additionalProperties;
        return `map[string]${goTypeName(resolveSchema(ap, lookup), ap.ref, lookup)}`;
      }
      return 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

/** Position Go's base64.StdEncoding reports for malformed input (CorruptInputError), or -1 when valid. */
export function base64ErrorAt(v: string): number {
  const bad = v.search(/[^A-Za-z0-9+/=\r\n]/);
  if (bad >= 0) return bad;
  const clean = v.replace(/[\r\n]/g, '');
  const pad = clean.indexOf('=');
  if (pad >= 0 && (!/^=*$/.test(clean.slice(pad)) || clean.length - pad > 2)) return pad;
  if (clean.length % 4 !== 0) return clean.length - (clean.length % 4);
  return -1;
}

function decodeMismatch(v: unknown, s: KSchema, refName: string | undefined): string | undefined {
  if (v === null) return undefined; // Go decodes null as the zero value
  if (s.type === 'string' && s.format === 'byte' && typeof v === 'string') {
    const at = base64ErrorAt(v);
    return at >= 0 ? `base64:${at}` : undefined;
  }
  if (refName === QUANTITY) {
    if (typeof v === 'number') return undefined;
    if (typeof v === 'string') return isQuantity(v) ? undefined : 'quantity';
    return goKind(v);
  }
  if (s.format === 'int-or-string' || s['x-kubernetes-int-or-string']) {
    return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)) ? undefined : goKind(v);
  }
  switch (s.type) {
    case 'integer':
      if (typeof v !== 'number') return goKind(v);
      return Number.isInteger(v) ? undefined : `number ${v}`;
    case 'number':
      return typeof v === 'number' ? undefined : goKind(v);
    case 'string':
      return typeof v === 'string' ? undefined : goKind(v);
    case 'boolean':
      return typeof v === 'boolean' ? undefined : goKind(v);
    case 'array':
      return Array.isArray(v) ? undefined : goKind(v);
    case 'object':
      return typeof v === 'object' && !Array.isArray(v) ? undefined : goKind(v);
    default:
      return undefined;
  }
}

const join = (path: string, k: string): string => (path ? `${path}.${k}` : k);

const structNames = new Map<string, string>();

/** Go struct name of a definition ("io.k8s.api.core.v1.PodSpec" -> "PodSpec"), memoised. */
function structName(ref: string): string {
  let n = structNames.get(ref);
  if (n === undefined) structNames.set(ref, (n = ref.slice(ref.lastIndexOf('.') + 1)));
  return n;
}

/**
 * path: API field path ("spec.template.spec.containers[0]"); goPath: the Go decoder's path (no indices);
 * struct: name of the Go struct holding the current field.
 */
export function walk(value: unknown, raw: KSchema, path: string, goPath: string, struct: string, ctx: WalkContext): void {
  const s = resolveSchema(raw, ctx.lookup);
  const refName = raw.ref;
  if (ctx.goDecode && !ctx.decodeError) {
    const bad = decodeMismatch(value, s, refName);
    if (bad) {
      ctx.decodeField = path;
      ctx.decodeValue = value;
    }
    if (bad?.startsWith('base64:')) {
      ctx.decodeError = `illegal base64 data at input byte ${bad.slice(7)}`;
      return;
    }
    if (bad === 'quantity') {
      ctx.decodeError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
      return;
    }
    if (bad) {
      ctx.decodeError = `json: cannot unmarshal ${bad} into Go struct field ${struct}.${goPath} of type ${goTypeName(s, refName, ctx.lookup)}`;
      return;
    }
  }
  if (value === null || typeof value !== 'object') return;
  if (s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties && !s.items && !s.additionalProperties) return;
  if (Array.isArray(value)) {
    if (!s.items) return;
    for (let i = 0; i < value.length; i++) walk(value[i], s.items, `${path}[${i}]`, goPath, struct, ctx);
    return;
  }
  const obj = value as Record<string, unknown>;
  const childStruct = refName ? structName(refName) : struct;
  if (s.properties) {
    const embedded = s['x-kubernetes-embedded-resource'] === true;
    const extra = s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    // for..in, not Object.entries: every object of every write passes here (plain JSON objects only)
    for (const k in obj) {
      const v = obj[k];
      const p = s.properties[k];
      if (p) {
        walk(v, p, join(path, k), join(goPath, k), childStruct, ctx);
      } else if (embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) {
        continue;
      } else if (extra) {
        walk(v, extra, join(path, k), join(goPath, k), childStruct, ctx);
      } else if (s['x-kubernetes-preserve-unknown-fields'] !== true && s.additionalProperties !== true) {
        if (ctx.collectUnknown) ctx.unknown.push(join(path, k));
        if (ctx.prune) delete obj[k];
      }
    }
    return;
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    for (const k in obj) walk(obj[k], s.additionalProperties, join(path, k), goPath, childStruct, ctx);
    return;
  }
  // A structural object schema with neither properties nor additionalProperties prunes everything
  // (CRDs); built-in definitions of that shape (RawExtension, FieldsV1) are preserve-unknown-fields.
  if (
    s.type === 'object' &&
    s['x-kubernetes-preserve-unknown-fields'] !== true &&
    s.additionalProperties !== true &&
    s['x-kubernetes-embedded-resource'] !== true
  ) {
    for (const k of Object.keys(obj)) {
      if (ctx.collectUnknown) ctx.unknown.push(join(path, k));
      if (ctx.prune) delete obj[k];
    }
  }
}
