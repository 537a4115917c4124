/**
 * Which create permissions a "Create from YAML" text needs: one `create` check per document whose kind the
 * cluster serves (pure, tested), so the Create and Dry run buttons can be disabled with the reason before the
 * user sends documents RBAC will refuse. Documents the cluster does not serve are left to the server's answer.
 */
import type { AccessCheck } from '@/lib/auth-types';
import type { DiscoveryResource } from '@/lib/api-types';
import { parseApiVersion } from '@/lib/k8s/types';
import { isPlainObject } from '@/lib/yaml/clean';

/** how many documents are checked ahead (the access API takes 300 checks per request) */
const MAX_CHECKED_DOCS = 50;

export function resolveKind(resources: readonly DiscoveryResource[], apiVersion: string, kind: string): DiscoveryResource | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  const exact = resources.find((r) => r.group === group && r.version === version && r.kind === kind);
  if (exact) return exact;
  // discovery lists preferred versions; the plural is the same in every served version of a group
  const other = resources.find((r) => r.group === group && r.kind === kind);
  return other ? { ...other, version } : undefined;
}

/** The namespace a document is created in: its own, else the default for namespaced kinds. */
export function targetNamespace(info: Pick<DiscoveryResource, 'namespaced'>, metadata: Record<string, unknown>, defaultNs: string): string | undefined {
  if (!info.namespaced) return undefined;
  return typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNs;
}

export function createChecks(docs: readonly { value: unknown }[], resources: readonly DiscoveryResource[] | undefined, defaultNs: string): AccessCheck[] {
  if (!resources) return [];
  const seen = new Map<string, AccessCheck>();
  for (const d of docs.slice(0, MAX_CHECKED_DOCS)) {
    const o = d.value;
    if (!isPlainObject(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isPlainObject(o.metadata)) continue;
    const info = resolveKind(resources, o.apiVersion, o.kind);
    if (!info) continue;
    const check: AccessCheck = { verb: 'create', group: info.group, resource: info.resource, namespace: targetNamespace(info, o.metadata, defaultNs) };
    seen.set(`${check.group}/${check.resource}/${check.namespace ?? ''}`, check);
  }
  return [...seen.values()];
}
