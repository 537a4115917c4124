/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { describe, expect, it } from 'vitest';
import { mostRecentSchedule, nextSchedule } from '../controllers/cronjob';
import { desiredReplicas } from '../controllers/hpa';
import { buildSubsets } from '../controllers/endpoints';
import { fullImage, imageBehaviour } from './images';
import { exitLines, flavourOf, logLine } from './log-lines';
import { makeNode } from './nodes';
import { podPhase, type PodRunView } from './pod-status';
import { pickNode, type NodeView } from './scheduler-fit';

const view = (name: string, over: Partial<NodeView> = {}): NodeView => ({
  name,
  labels: { 'kubernetes.io/hostname': name, disk: name.endsWith('1') ? 'ssd' : 'hdd' },
  taints: [],
  unschedulable: false,
  ready: true,
  allocatable: { cpu: 4, memory: 8 * 2 ** 30, pods: 110 },
  requested: { cpu: 0, memory: 0, pods: 0 },
  ...over,
});

describe('scheduler fit', () => {
  it('spreads by least requested and honours requests, selectors, affinity, taints and cordon', () => {
    const nodes = [view('n1', { requested: { cpu: 3, memory: 0, pods: 5 } }), view('n2')];
    expect(pickNode({ containers: [{}] }, nodes).node).toBe('n2');
    expect(pickNode({ containers: [{ resources: { requests: { cpu: '2' } } }] }, nodes).node).toBe('n2');
    expect(pickNode({ nodeSelector: { disk: 'ssd' }, containers: [{}] }, nodes).node).toBe('n1');
    const aff = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } };
    expect(pickNode({ affinity: aff, containers: [{}] }, nodes).node).toBe('n1');
    const tainted = [view('n1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), view('n2', { unschedulable: true })];
    const none = pickNode({ containers: [{}] }, tainted);
    expect(none.node).toBeUndefined();
    expect(none.message).toBe('0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
    expect(pickNode({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], containers: [{}] }, tainted).node).toBe('n1');
    expect(pickNode({ containers: [{ resources: { requests: { cpu: '5' } } }] }, [view('n1')]).message).toContain('1 Insufficient cpu');
  });
});

describe('image convention', () => {
  it('maps tags and names to behaviours', () => {
    expect(imageBehaviour('nginx:1.27')).toBe('run');
    expect(imageBehaviour('ghcr.io/x/app:crash')).toBe('crash');
    expect(imageBehaviour('ghcr.io/x/crashloop-demo:1')).toBe('crash');
    expect(imageBehaviour('ghcr.io/x/missing-app:1')).toBe('pull-fail');
    expect(imageBehaviour('nginx:doesnotexist')).toBe('pull-fail');
    expect(imageBehaviour('registry:5000/x:oom')).toBe('oom');
    expect(fullImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(fullImage('grafana/grafana:11')).toBe('docker.io/grafana/grafana:11');
    expect(fullImage('localhost:5000/app:1')).toBe('localhost:5000/app:1');
  });
});

describe('log lines', () => {
  it('are deterministic per seed and index, flavoured by image', () => {
    expect(logLine('json', 42, 100, 1_700_000_000_000)).toBe(logLine('json', 42, 100, 1_700_000_000_000));
    expect(flavourOf('nginx:1.27', 1)).toBe('nginx');
    expect(logLine('nginx', 1, 50, 1_700_000_000_000)).toMatch(/^\d+\.\d+\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "\w+ \S+ HTTP\/1\.1" \d{3} \d+/);
    const json = Array.from({ length: 400 }, (_, i) => logLine('json', 7, i + 10, 0));
    expect(json.some((l) => l.startsWith('\tat ') || l.startsWith('  File '))).toBe(true); // multi-line traces occur
    const text = Array.from({ length: 200 }, (_, i) => logLine('text', 7, i + 10, 0));
    expect(text.some((l) => l.includes('\u001b['))).toBe(true); // ANSI colours occur
    expect(exitLines('json', 1, 'Error').join('\n')).toContain('panic:');
    expect(exitLines('json', 137, 'OOMKilled')).toEqual([]);
  });
});

describe('cron schedules', () => {
  it('finds the most recent due time and the next one', () => {
    const t = Date.parse('2026-01-01T10:07:30Z');
    expect(new Date(mostRecentSchedule('*/5 * * * *', Date.parse('2026-01-01T10:00:00Z'), t)!).toISOString()).toBe('2026-01-01T10:05:00.000Z');
    expect(mostRecentSchedule('*/5 * * * *', Date.parse('2026-01-01T10:05:00Z'), t)).toBeUndefined();
    expect(new Date(nextSchedule('@hourly', t)).toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });
});

describe('hpa arithmetic', () => {
  it('scales by the utilization ratio outside a 10% tolerance', () => {
    expect(desiredReplicas(2, 120, 50)).toBe(5);
    expect(desiredReplicas(4, 52, 50)).toBe(4);
    expect(desiredReplicas(4, 20, 50)).toBe(2);
  });
});

describe('pod phase and endpoints', () => {
  const c = (over: object) => ({ name: 'a', image: 'x', init: false, restartCount: 0, state: {}, lastState: {}, ready: false, started: false, pulled: true, crashes: 0, pullFailures: 0, done: false, ...over });
  it('derives the phase from container states', () => {
    const v = (app: object[], initDone = true): PodRunView => ({ init: [], app: app as any, initDone, nodeReady: true, transitions: {} });
    expect(podPhase(v([c({ state: { waiting: { reason: 'ContainerCreating' } } })]))).toBe('Pending');
    expect(podPhase(v([c({ state: { running: {} }, current: { id: '1', image: 'x', startedMs: 0 } })]))).toBe('Running');
    expect(podPhase(v([c({ done: true, state: { terminated: { exitCode: 0 } }, current: { id: '1', image: 'x', startedMs: 0 } })]))).toBe('Succeeded');
    expect(podPhase(v([c({ done: true, state: { terminated: { exitCode: 1 } }, current: { id: '1', image: 'x', startedMs: 0 } })]))).toBe('Failed');
  });
  it('puts ready pods in addresses and others in notReadyAddresses, resolving named ports', () => {
    const svc: any = { metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 'web' }] } };
    const pod = (name: string, ready: boolean): any => ({
      metadata: { name, namespace: 'd', uid: name },
      spec: { nodeName: 'n', containers: [{ ports: [{ name: 'web', containerPort: 8080 }] }] },
      status: { phase: 'Running', podIP: `10.0.0.${name.length}`, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    });
    const subsets = buildSubsets(svc, [pod('a', true), pod('bb', false)]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(subsets[0].addresses.map((a: any) => a.ip)).toEqual(['10.0.0.1']);
    expect(subsets[0].notReadyAddresses.map((a: any) => a.ip)).toEqual(['10.0.0.2']);
  });
  it('builds nodes that look like kind nodes', () => {
    const n: any = makeNode({ name: 'c-control-plane', controlPlane: true, index: 0, cpu: '4', memory: '8Gi', pods: 110 }, 'sandbox-east');
    expect(n.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(n.metadata.labels['node-role.kubernetes.io/control-plane']).toBe('');
    expect(n.status.nodeInfo.kubeletVersion).toMatch(/^v1\.32\./);
    expect(n.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('True');
  });
});
