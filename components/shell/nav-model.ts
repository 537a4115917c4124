/**
 * Builds the sidebar's kind groups from the kind registry plus the cluster's discovery (pure, tested).
 * Registry kinds keep their group and order; a discovered resource the registry does not know lands in
 * "Custom resources" when its API group is not a built-in one, so every CRD appears.
 */
export const NAV_GROUPS = [
  'Workloads',
  'Networking',
  'Config',
  'Storage',
  'Access control',
  'Cluster',
  'Custom resources',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** The subset of the registry's KindInfo the sidebar needs. */
export interface NavKind {
  id: string;
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  nav: NavGroup;
  /** navigation label, e.g. "ConfigMaps" */
  title?: string;
}

export interface DiscoveredLike {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export interface NavItem {
  key: string;
  label: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

export interface NavSection {
  title: NavGroup;
  items: NavItem[];
}

/** API groups served by Kubernetes itself (not CRDs); anything else discovered is custom. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'apiregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'metrics.k8s.io',
  'node.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storagemigration.k8s.io',
]);

export const isBuiltinGroup = (group: string) => BUILTIN_GROUPS.has(group);

/** "Deployment" → "Deployments", "Ingress" → "Ingresses", "NetworkPolicy" → "NetworkPolicies". */
export function pluralLabel(kind: string): string {
  if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

export function buildNav(kinds: readonly NavKind[], discovery: readonly DiscoveredLike[] | undefined): NavSection[] {
  const present = discovery ? new Set(discovery.map((r) => `${r.group}/${r.resource}`)) : undefined;
  const sections = new Map<NavGroup, NavItem[]>(NAV_GROUPS.map((g) => [g, []]));
  const seen = new Set<string>();

  for (const k of kinds) {
    const key = `${k.group}/${k.plural}`;
    // Hide registry kinds the cluster does not serve, once discovery is known.
    if (present && !present.has(key)) continue;
    seen.add(key);
    const served = discovery?.find((r) => r.group === k.group && r.resource === k.plural);
    sections.get(k.nav)!.push({
      key,
      label: k.title ?? pluralLabel(k.kind),
      group: k.group,
      version: served?.version ?? k.version,
      resource: k.plural,
      kind: k.kind,
      namespaced: k.namespaced,
    });
  }

  const custom: NavItem[] = [];
  for (const r of discovery ?? []) {
    const key = `${r.group}/${r.resource}`;
    if (seen.has(key) || r.resource.includes('/') || !r.verbs.includes('list') || isBuiltinGroup(r.group)) continue;
    seen.add(key);
    custom.push({
      key,
      label: pluralLabel(r.kind),
      group: r.group,
      version: r.version,
      resource: r.resource,
      kind: r.kind,
      namespaced: r.namespaced,
    });
  }
  custom.sort((a, b) => a.label.localeCompare(b.label) || a.group.localeCompare(b.group));
  sections.get('Custom resources')!.push(...custom);

  return NAV_GROUPS.map((title) => ({ title, items: sections.get(title)! })).filter((s) => s.items.length > 0);
}

/** Drops the items `visible` rejects (RBAC: kinds the user may not list) and the sections left empty. */
export function filterNav(sections: readonly NavSection[], visible: (item: NavItem) => boolean): NavSection[] {
  return sections.map((s) => ({ ...s, items: s.items.filter(visible) })).filter((s) => s.items.length > 0);
}
