/**
 * A release manifest is the rendered templates joined by "---" documents (helm's releaseutil.SplitManifests).
 * Here it becomes the objects it names. Objects without a namespace live in the release's namespace when
 * their kind is namespaced (helm's client sets the namespace the same way when it builds them).
 */
import { parseAllDocuments } from 'yaml';
import type { ApiResourceInfo } from '../clusters/discovery';

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  body: Record<string, unknown>;
}

export class ManifestError extends Error {}

export function splitManifest(manifest: string | undefined): ManifestObject[] {
  if (!manifest?.trim()) return [];
  const out: ManifestObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length) throw new ManifestError(`manifest: ${doc.errors[0]!.message}`);
    const body = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
    const b = body as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    if (typeof b.apiVersion !== 'string' || typeof b.kind !== 'string' || typeof b.metadata?.name !== 'string') continue;
    out.push({
      apiVersion: b.apiVersion,
      kind: b.kind,
      name: b.metadata.name,
      ...(typeof b.metadata.namespace === 'string' && b.metadata.namespace ? { namespace: b.metadata.namespace } : {}),
      body: body as Record<string, unknown>,
    });
  }
  return out;
}

export function groupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export interface ResolvedObject extends ManifestObject {
  info?: ApiResourceInfo;
}

/** Kind → resource through discovery; the namespace defaulted to the release's for namespaced kinds. */
export function resolveObjects(objs: ManifestObject[], discovery: ApiResourceInfo[], releaseNamespace: string): ResolvedObject[] {
  return objs.map((o) => {
    const { group, version } = groupVersion(o.apiVersion);
    const info = discovery.find((r) => r.group === group && r.version === version && r.kind === o.kind && !r.resource.includes('/'));
    if (!info) return o;
    return { ...o, info, namespace: info.namespaced ? (o.namespace ?? releaseNamespace) : undefined };
  });
}

/** Identity of an object across revisions: group, kind, namespace, name (helm compares resource infos the same way). */
export function objectKey(o: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  return `${groupVersion(o.apiVersion).group}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

/** helm's uninstall keeps objects annotated helm.sh/resource-policy: keep */
export function keepsOnDelete(o: ManifestObject): boolean {
  const a = (o.body.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  return String(a?.['helm.sh/resource-policy'] ?? '').trim().toLowerCase() === 'keep';
}
