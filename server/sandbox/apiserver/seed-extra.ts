/**
 * More of what a fresh 1.32 control plane creates by itself: one Local APIService per built-in
 * group-version (kube-aggregator's autoregistration, with upstream's priorities) and the API priority and
 * fairness bootstrap configuration (the mandatory and suggested FlowSchemas and PriorityLevelConfigurations).
 */
import type { KObject } from '../types';
import { BUILTIN_KINDS } from '../kinds';
import type { GenericRegistry } from './ops';

/** apiservicePriorities of kube-apiserver's aggregator.go: group minimum and version priority. */
const PRIORITIES: Record<string, [number, number]> = {
  '': [18000, 1],
  apps: [17800, 15],
  'events.k8s.io': [17750, 15],
  'authentication.k8s.io': [17700, 15],
  'authorization.k8s.io': [17600, 15],
  autoscaling: [17500, 15],
  batch: [17400, 15],
  'certificates.k8s.io': [17300, 15],
  'networking.k8s.io': [17200, 15],
  policy: [17100, 15],
  'rbac.authorization.k8s.io': [17000, 15],
  'storage.k8s.io': [16800, 15],
  'apiextensions.k8s.io': [16700, 15],
  'admissionregistration.k8s.io': [16700, 15],
  'scheduling.k8s.io': [16600, 15],
  'coordination.k8s.io': [16500, 15],
  'node.k8s.io': [16300, 15],
  'discovery.k8s.io': [16200, 15],
  'flowcontrol.apiserver.k8s.io': [16100, 21],
  'apiregistration.k8s.io': [18000, 1],
};

function apiServices(): KObject[] {
  const seen = new Set<string>();
  const out: KObject[] = [];
  for (const k of BUILTIN_KINDS) {
    const name = `${k.version}.${k.group}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const [groupPriorityMinimum, versionPriority] = PRIORITIES[k.group] ?? [1000, 15];
    out.push({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
      spec: { ...(k.group ? { group: k.group } : {}), version: k.version, groupPriorityMinimum, versionPriority: k.group === 'autoscaling' && k.version === 'v1' ? 15 : versionPriority },
    });
  }
  return out;
}

const ALL = ['*'];
const user = (name: string) => ({ kind: 'User', user: { name } });
const group = (name: string) => ({ kind: 'Group', group: { name } });
const sa = (namespace: string, name: string) => ({ kind: 'ServiceAccount', serviceAccount: { namespace, name } });
const everything = (subjects: object[], clusterScope = true) => ({
  subjects,
  resourceRules: [{ verbs: ALL, apiGroups: ALL, resources: ALL, ...(clusterScope ? { clusterScope: true } : {}), namespaces: ALL }],
  nonResourceRules: [{ verbs: ALL, nonResourceURLs: ALL }],
});
const AUTOUPDATE = { 'apf.kubernetes.io/autoupdate-spec': 'true' };

function level(name: string, spec: object): KObject {
  return { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name, annotations: AUTOUPDATE }, spec };
}
function limited(shares: number, lendable: number, queues?: [number, number, number]) {
  return {
    type: 'Limited',
    limited: {
      nominalConcurrencyShares: shares,
      lendablePercent: lendable,
      limitResponse: queues ? { type: 'Queue', queuing: { queues: queues[0], handSize: queues[1], queueLengthLimit: queues[2] } } : { type: 'Reject' },
    },
  };
}
function schema(name: string, pl: string, precedence: number, distinguisher: string | undefined, rules: object[]): KObject {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kind: 'FlowSchema',
    metadata: { name, annotations: AUTOUPDATE },
    spec: { priorityLevelConfiguration: { name: pl }, matchingPrecedence: precedence, ...(distinguisher ? { distinguisherMethod: { type: distinguisher } } : {}), rules },
  };
}

function flowControl(): { levels: KObject[]; schemas: KObject[] } {
  const levels = [
    level('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }),
    level('catch-all', limited(5, 0)),
    level('system', limited(30, 33, [64, 6, 50])),
    level('node-high', limited(40, 25, [64, 6, 50])),
    level('leader-election', limited(10, 0, [16, 4, 50])),
    level('workload-high', limited(40, 50, [128, 6, 50])),
    level('workload-low', limited(100, 90, [128, 6, 50])),
    level('global-default', limited(20, 50, [128, 6, 50])),
  ];
  const schemas = [
    schema('exempt', 'exempt', 1, undefined, [everything([group('system:masters')])]),
    schema('probes', 'exempt', 2, undefined, [
      { subjects: [group('system:unauthenticated'), group('system:authenticated')], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }] },
    ]),
    schema('system-leader-election', 'leader-election', 100, 'ByUser', [
      {
        subjects: [user('system:kube-controller-manager'), user('system:kube-scheduler')],
        resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ALL }],
      },
    ]),
    schema('endpoint-controller', 'workload-high', 150, 'ByUser', [
      { subjects: [user('system:kube-controller-manager'), sa('kube-system', 'endpoint-controller')], resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: [''], resources: ['endpoints'], namespaces: ALL }] },
    ]),
    schema('workload-leader-election', 'leader-election', 200, 'ByUser', [
      { subjects: [sa('kube-system', '*')], resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ALL }] },
    ]),
    schema('system-node-high', 'node-high', 400, 'ByUser', [
      {
        subjects: [group('system:nodes')],
        resourceRules: [
          { verbs: ALL, apiGroups: [''], resources: ['nodes', 'nodes/status'], clusterScope: true },
          { verbs: ALL, apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ALL },
        ],
      },
    ]),
    schema('system-nodes', 'system', 500, 'ByUser', [everything([group('system:nodes')])]),
    schema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', [everything([user('system:kube-controller-manager')])]),
    schema('kube-scheduler', 'workload-high', 800, 'ByNamespace', [everything([user('system:kube-scheduler')])]),
    schema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', [everything([sa('kube-system', '*')])]),
    schema('service-accounts', 'workload-low', 9000, 'ByUser', [everything([group('system:serviceaccounts')])]),
    schema('global-default', 'global-default', 9900, 'ByUser', [everything([group('system:unauthenticated'), group('system:authenticated')])]),
    schema('catch-all', 'catch-all', 10000, 'ByUser', [everything([group('system:unauthenticated'), group('system:authenticated')])]),
  ];
  return { levels, schemas };
}

export function seedExtra(api: GenericRegistry): void {
  const opts = { fieldManager: 'kube-apiserver' };
  const svcKind = api.kinds.lookup('apiregistration.k8s.io', 'v1', 'apiservices')!;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const a of apiServices()) {
    const created = api.create(svcKind, undefined, a, opts);
    const status = { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available' }] };
    api.update(svcKind, undefined, created.metadata.name!, { ...created, status }, { ...opts, subresource: 'status' });
  }
  const { levels, schemas } = flowControl();
  const plKind = api.kinds.lookup('flowcontrol.apiserver.k8s.io', 'v1', 'prioritylevelconfigurations')!;
  for (const l of levels) api.create(plKind, undefined, l, { fieldManager: 'api-priority-and-fairness-config-producer-v1' });
  const fsKind = api.kinds.lookup('flowcontrol.apiserver.k8s.io', 'v1', 'flowschemas')!;
  for (const f of schemas) {
    const created = api.create(fsKind, undefined, f, { fieldManager: 'api-priority-and-fairness-config-producer-v1' });
    const status = { conditions: [{ type: 'Dangling', status: 'False', lastTransitionTime: now, reason: 'Found', message: `This FlowSchema references the PriorityLevelConfiguration object named "${f.spec && (f.spec as { priorityLevelConfiguration: { name: string } }).priorityLevelConfiguration.name}" and it exists` }] };
    api.update(fsKind, undefined, created.metadata.name!, { ...created, status }, { fieldManager: 'api-priority-and-fairness-config-consumer-v1', subresource: 'status' });
  }
}
