/**
 * What Compare and Drift compare: an object without what the cluster assigns or maintains, so two copies of
 * the same manifest in two clusters (or namespaces, or times) read the same. Shared by the BFF (compare and
 * drift routes) and the browser (a past version against the current object). Pure and runtime-neutral.
 *
 * Left out: status, uid, resourceVersion, generation, every timestamp in metadata, managedFields, selfLink,
 * the namespace (the sides are labelled), ownerReferences' uids, the last-applied annotation and other
 * annotations/labels a controller writes per cluster (revision counters, binding state, controller uids), and
 * per-kind fields the cluster allocates (a Service's cluster IPs, a PVC's bound volume, a ServiceAccount's
 * token secret names). Keys are sorted so key order never shows as a difference.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const METADATA_DROPPED = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'namespace', 'generateName'];

/** annotations a controller or kubectl writes per cluster: never part of what someone declared */
const ANNOTATIONS_DROPPED = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deprecated.daemonset.template.generation',
  'kubernetes.io/service-account.uid',
  'control-plane.alpha.kubernetes.io/leader',
];
const ANNOTATION_PREFIXES_DROPPED = ['pv.kubernetes.io/', 'volume.kubernetes.io/', 'volume.beta.kubernetes.io/storage-provisioner'];

/** labels holding a controller's uid (Jobs put them on themselves, their selector and their pod template) */
const UID_LABELS = new Set(['controller-uid', 'batch.kubernetes.io/controller-uid']);

/** per kind, spec fields the cluster allocates */
const ALLOCATED: Record<string, string[][]> = {
  Service: [['spec', 'clusterIP'], ['spec', 'clusterIPs'], ['spec', 'healthCheckNodePort']],
  PersistentVolumeClaim: [['spec', 'volumeName']],
  ServiceAccount: [['secrets']],
};

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]!);
  return out;
}

/** drops controller-uid labels from every label map and selector in the object */
function dropUidLabels(v: Json, key = ''): Json {
  if (Array.isArray(v)) return v.map((x) => dropUidLabels(x));
  if (!isObject(v)) return v;
  const labelMap = key === 'labels' || key === 'matchLabels' || key === 'selector';
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (labelMap && UID_LABELS.has(k)) continue;
    out[k] = dropUidLabels(x, k);
  }
  return out;
}

function cleanMap(m: Json | undefined, drop: (k: string) => boolean): JsonObject | undefined {
  if (!isObject(m)) return undefined;
  const out = Object.fromEntries(Object.entries(m).filter(([k]) => !drop(k)));
  return Object.keys(out).length ? out : undefined;
}

const droppedAnnotation = (k: string) => ANNOTATIONS_DROPPED.includes(k) || ANNOTATION_PREFIXES_DROPPED.some((p) => k.startsWith(p));

function deletePath(o: JsonObject, path: string[]): void {
  let cur: Json | undefined = o;
  for (const seg of path.slice(0, -1)) cur = isObject(cur) ? cur[seg] : undefined;
  if (isObject(cur)) delete cur[path.at(-1)!];
}

export interface NormalizeOptions {
  /**
   * 'object' (default): everything a manifest declares. 'recorded': the change history's recorded view (every
   * top-level field but apiVersion, kind, metadata and status, plus metadata.labels and .annotations), so the
   * current object compares with a past version on equal terms.
   */
  shape?: 'object' | 'recorded';
}

export function normalizeObject(input: unknown, opts: NormalizeOptions = {}): JsonObject {
  if (!isObject(input)) return {};
  const o = structuredClone(input) as JsonObject;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  delete o.status;
  const md = isObject(o.metadata) ? o.metadata : {};
  for (const k of METADATA_DROPPED) delete md[k];
  const labels = cleanMap(md.labels, (k) => UID_LABELS.has(k));
  const annotations = cleanMap(md.annotations, droppedAnnotation);
  if (labels) md.labels = labels;
  else delete md.labels;
  if (annotations) md.annotations = annotations;
  else delete md.annotations;
  if (Array.isArray(md.ownerReferences)) {
    md.ownerReferences = md.ownerReferences.map((r) => {
      if (!isObject(r)) return r;
      const { uid: _uid, ...rest } = r;
      return rest;
    });
  }
  for (const path of ALLOCATED[kind] ?? []) deletePath(o, path);
  if (opts.shape === 'recorded') {
    delete o.apiVersion;
    delete o.kind;
    o.metadata = { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
    if (!labels && !annotations) delete o.metadata;
  } else {
    o.metadata = md;
  }
  return sortKeys(dropUidLabels(o)) as JsonObject;
}

/** A stable fingerprint of a normalized object (sorted keys), for equality across clusters. */
export function fingerprint(normalized: JsonObject): string {
  return JSON.stringify(normalized);
}
