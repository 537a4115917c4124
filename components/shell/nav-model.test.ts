import { describe, expect, it } from 'vitest';
import { buildNav, filterNav, pluralLabel, type NavKind } from './nav-model';

const kinds: NavKind[] = [
  { id: 'core.pods', group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, nav: 'Workloads' },
  { id: 'apps.deployments', group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, nav: 'Workloads' },
  { id: 'networking.k8s.io.ingresses', group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, nav: 'Networking' },
];
const d = (group: string, resource: string, kind: string, verbs = ['get', 'list', 'watch']) => ({
  group,
  version: 'v1',
  resource,
  kind,
  namespaced: true,
  verbs,
});

describe('buildNav', () => {
  it('shows registry kinds before discovery answers', () => {
    const nav = buildNav(kinds, undefined);
    expect(nav.map((s) => s.title)).toEqual(['Workloads', 'Networking']);
    expect(nav[0]!.items.map((i) => i.label)).toEqual(['Pods', 'Deployments']);
  });

  it('puts every CRD under Custom resources and hides unserved built-ins', () => {
    const nav = buildNav(kinds, [
      d('', 'pods', 'Pod'),
      d('', 'pods/log', 'Pod'),
      d('apps', 'deployments', 'Deployment'),
      d('example.com', 'widgets', 'Widget'),
      d('gateway.networking.k8s.io', 'gateways', 'Gateway'),
      d('authorization.k8s.io', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', ['create']),
      d('metrics.k8s.io', 'pods', 'PodMetrics'),
    ]);
    expect(nav.map((s) => s.title)).toEqual(['Workloads', 'Custom resources']);
    expect(nav[1]!.items.map((i) => i.label)).toEqual(['Gateways', 'Widgets']);
  });
});

describe('pluralLabel', () => {
  it.each([
    ['Deployment', 'Deployments'],
    ['Ingress', 'Ingresses'],
    ['NetworkPolicy', 'NetworkPolicies'],
    ['Gateway', 'Gateways'],
  ])('%s → %s', (k, want) => expect(pluralLabel(k)).toBe(want));
});

describe('filterNav', () => {
  it('drops the kinds the user may not list and the sections left empty', () => {
    const nav = buildNav(kinds, undefined);
    const out = filterNav(nav, (it) => it.resource !== 'ingresses');
    expect(out.map((s) => s.title)).toEqual(['Workloads']);
    expect(out[0]!.items.map((i) => i.resource)).toEqual(['pods', 'deployments']);
  });
});
