/**
 * What the BFF caches and sends over the socket: objects without metadata.managedFields and without the
 * last-applied annotation (both can be larger than the object itself), and secrets without values.
 */
export type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
};

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Shallow-copies only what changes; the input is not mutated. */
export function stripForCache(o: Obj): Obj {
  const md = o.metadata;
  const ann = md.annotations as Record<string, string> | undefined;
  if (md.managedFields === undefined && !(ann && LAST_APPLIED in ann)) return o;
  const { managedFields: _mf, ...rest } = md;
  const metadata: Obj['metadata'] = { ...rest, name: md.name };
  if (ann && LAST_APPLIED in ann) {
    const { [LAST_APPLIED]: _la, ...others } = ann;
    if (Object.keys(others).length) metadata.annotations = others;
    else delete metadata.annotations;
  }
  return { ...o, metadata };
}

export function isSecretResource(group: string, resource: string): boolean {
  return group === '' && resource === 'secrets';
}

/**
 * Secrets leave the BFF with their keys only: `data` keeps every key with the value "" (so key lists and
 * counts still render), `stringData` is dropped, and the last-applied annotation (which holds the values in
 * clear) is removed even on a plain GET. One key is revealed by the dedicated keys/:key route.
 */
export function redactSecret(o: Obj): Obj {
  const out: Obj = { ...o };
  const data = o.data as Record<string, string> | undefined;
  if (data && typeof data === 'object') out.data = Object.fromEntries(Object.keys(data).map((k) => [k, '']));
  delete out.stringData;
  const ann = o.metadata.annotations as Record<string, string> | undefined;
  if (ann && LAST_APPLIED in ann) {
    const { [LAST_APPLIED]: _la, ...others } = ann;
    out.metadata = { ...o.metadata, annotations: others };
  }
  return out;
}

/** Applies redaction to a single object or a List's items when the resource is core/v1 secrets. */
export function redactIfSecret(group: string, resource: string, body: unknown): unknown {
  if (!isSecretResource(group, resource) || !body || typeof body !== 'object') return body;
  const b = body as { kind?: string; items?: Obj[]; metadata?: unknown };
  if (Array.isArray(b.items)) return { ...b, items: b.items.map(redactSecret) };
  if (b.metadata && b.kind !== 'Status') return redactSecret(b as Obj);
  return body;
}
