import { describe, expect, it } from 'vitest';
import { countLabel, kindByKind, kindByResource, kinds } from './registry';
import { kindFromCrd } from './crd';
import { listHref, objectHref, parseNamespaces } from './links';
import { nodeRoles, nodeStatus, usageFraction } from './kinds/node';
import { servicePorts, serviceSelects } from './kinds/service';
import { selectorString } from './kinds/workloads';
import { jobCompletions, jobStatus } from './kinds/batch';
import { compareValues } from './columns';
import type { K8sObject } from './types';

const o = (x: Partial<K8sObject> & Record<string, unknown>): K8sObject => ({ metadata: { name: 'n' }, ...x }) as K8sObject;

describe('registry', () => {
  it('has every required built-in kind with unique ids', () => {
    const want = ['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'namespaces', 'nodes', 'events', 'persistentvolumes', 'persistentvolumeclaims', 'resourcequotas', 'limitranges', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps', 'controllerrevisions.apps', 'jobs.batch', 'cronjobs.batch', 'ingresses.networking.k8s.io', 'networkpolicies.networking.k8s.io', 'horizontalpodautoscalers.autoscaling', 'roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io', 'clusterroles.rbac.authorization.k8s.io', 'clusterrolebindings.rbac.authorization.k8s.io', 'storageclasses.storage.k8s.io', 'customresourcedefinitions.apiextensions.k8s.io'];
    const ids = kinds.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of want) expect(ids).toContain(id);
    for (const k of kinds) expect(new Set(k.columns.map((c) => c.id)).size).toBe(k.columns.length);
  });
  it('lookups accept core spelled as "" or "core"', () => {
    // one spelling of the core group inside the browser: 'core' is a URL segment only
    expect(kindByResource('core', 'pods')).toBeUndefined();
    expect(kindByResource('', 'pods')?.kind).toBe('Pod');
    expect(kindByResource('apps', 'deployments')?.scalable).toBe(true);
    expect(kindByKind('apps', 'ReplicaSet')?.plural).toBe('replicasets');
    expect(kindByResource('apps', 'nope')).toBeUndefined();
  });
  it('countLabel', () => {
    expect(countLabel(kindByResource('', 'pods')!, 3)).toBe('3 pods');
    expect(countLabel(kindByResource('apps', 'statefulsets')!, 1)).toBe('1 stateful set');
  });
  it('pods columns compute kubectl cells', () => {
    const k = kindByResource('', 'pods')!;
    const p = o({ metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'a' }], nodeName: 'n1' }, status: { phase: 'Running', podIP: '10.0.0.1', containerStatuses: [{ name: 'a', ready: true, restartCount: 1, state: { running: {} } }] } });
    const ctx = { now: Date.now() };
    expect(Object.fromEntries(k.columns.map((c) => [c.id, c.value(p, ctx)]))).toMatchObject({ name: 'p', namespace: 'd', ready: '1/1', status: 'Running', restarts: 1, node: 'n1', ip: '10.0.0.1' });
  });
});

describe('links', () => {
  it('builds list and object hrefs', () => {
    expect(listHref('east', { group: '', version: 'v1', resource: 'pods' })).toBe('/c/east/r/core/v1/pods');
    expect(listHref('east', { group: 'apps', version: 'v1', plural: 'deployments' }, { namespaces: ['a', 'b'] })).toBe('/c/east/r/apps/v1/deployments?ns=a,b');
    expect(objectHref('east', { group: '', version: 'v1', resource: 'nodes' }, undefined, 'n1')).toBe('/c/east/r/core/v1/nodes/_/n1');
    expect(objectHref('east', { group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'web')).toBe('/c/east/r/apps/v1/deployments/default/web');
  });
  it('parses ?ns', () => {
    expect(parseNamespaces('b,a,,b')).toEqual(['a', 'b']);
    expect(parseNamespaces(null)).toEqual([]);
  });
});

describe('derived values', () => {
  it('node status, roles and usage', () => {
    const n = o({ metadata: { name: 'n', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '4', memory: '8Gi' } } });
    expect(nodeStatus(n)).toBe('Ready,SchedulingDisabled');
    expect(nodeRoles(n)).toBe('control-plane,master');
    expect(nodeRoles(o({}))).toBe('<none>');
    expect(usageFraction(n, { cpu: 1, memory: 2 * 2 ** 30 }, 'cpu')).toBe(0.25);
    expect(usageFraction(n, { cpu: 1, memory: 2 * 2 ** 30 }, 'memory')).toBe(0.25);
    expect(usageFraction(n, undefined, 'cpu')).toBeNull();
  });
  it('service ports and selection', () => {
    const s = o({ spec: { ports: [{ port: 80, protocol: 'TCP' }, { port: 443, nodePort: 30443 }], selector: { app: 'web' } } });
    expect(servicePorts(s)).toBe('80/TCP,443:30443/TCP');
    expect(serviceSelects(s, { app: 'web', x: 'y' })).toBe(true);
    expect(serviceSelects(s, { app: 'db' })).toBe(false);
    expect(serviceSelects(o({ spec: {} }), { app: 'web' })).toBe(false);
  });
  it('selectorString', () => {
    expect(selectorString({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'In', values: ['x', 'y'] }, { key: 'c', operator: 'DoesNotExist' }] })).toBe('a=1,b in (x,y),!c');
    expect(selectorString({ app: 'web' })).toBe('app=web');
  });
  it('jobs', () => {
    expect(jobStatus(o({ status: { conditions: [{ type: 'Complete', status: 'True' }] } }))).toBe('Complete');
    expect(jobStatus(o({ status: {} }))).toBe('Running');
    expect(jobCompletions(o({ spec: { completions: 3 }, status: { succeeded: 1 } }))).toBe('1/3');
  });
  it('compareValues sorts numbers numerically and names naturally, empties last', () => {
    expect(['pod-10', 'pod-2', '', 'pod-1'].sort(compareValues)).toEqual(['pod-1', 'pod-2', 'pod-10', '']);
    expect([10, null, 2].sort(compareValues)).toEqual([2, 10, null]);
  });
});

describe('kindFromCrd', () => {
  const crd = o({
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
      versions: [
        { name: 'v1alpha1', served: true, storage: false },
        { name: 'v1', served: true, storage: true, subresources: { scale: {} }, additionalPrinterColumns: [
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Hidden', type: 'string', jsonPath: '.spec.x', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ] },
      ],
    },
  });
  it('builds columns from printer columns', () => {
    const k = kindFromCrd(crd)!;
    expect(k).toMatchObject({ id: 'widgets.example.com', version: 'v1', namespaced: true, scalable: true, nav: 'Custom resources' });
    expect(k.columns.map((c) => c.label)).toEqual(['Name', 'Namespace', 'Size', 'Ready', 'Age']);
    const w = o({ metadata: { name: 'w', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { size: 4 }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(k.columns.map((c) => c.value(w, { now: 0 }))).toEqual(['w', '', 4, 'True', Date.parse('2024-01-01T00:00:00Z')]);
  });
  it('adds Age when there are no printer columns', () => {
    const k = kindFromCrd(o({ spec: { group: 'g.io', scope: 'Cluster', names: { plural: 'things', kind: 'Thing' }, versions: [{ name: 'v1', served: true, storage: true }] } }))!;
    expect(k.columns.map((c) => c.id)).toEqual(['name', 'age']);
  });
});

describe('refTarget', async () => {
  const { refTarget } = await import('./owners');
  it('resolves built-ins and guesses CRD plurals', () => {
    expect(refTarget('apps/v1', 'ReplicaSet')).toEqual({ group: 'apps', version: 'v1', resource: 'replicasets' });
    expect(refTarget('v1', 'Node')).toEqual({ group: '', version: 'v1', resource: 'nodes' });
    expect(refTarget('example.com/v1', 'Policy')).toEqual({ group: 'example.com', version: 'v1', resource: 'policies' });
    expect(refTarget('example.com/v1', 'Box')).toEqual({ group: 'example.com', version: 'v1', resource: 'boxes' });
  });
});
