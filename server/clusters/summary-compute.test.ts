import { describe, expect, it } from 'vitest';
import type { Obj } from '../k8s/strip';
import { computeSummary } from './summary-compute';

const o = (kind: string, name: string, rest: Record<string, unknown>, namespace?: string): Obj => ({
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...rest,
});

describe('computeSummary', () => {
  it('counts nodes, pods, requests, capacity, usage and finds problems', () => {
    const s = computeSummary(
      {
        version: 'v1.32.4',
        nodes: [
          o('Node', 'n1', { status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '4', memory: '8Gi' } } }),
          o('Node', 'n2', { status: { conditions: [{ type: 'Ready', status: 'False', message: 'kubelet stopped posting' }], capacity: { cpu: '2000m', memory: '4Gi' } } }),
        ],
        pods: [
          o('Pod', 'ok', { spec: { containers: [{ resources: { requests: { cpu: '250m', memory: '64Mi' } } }] }, status: { phase: 'Running' } }, 'a'),
          o('Pod', 'done', { spec: { containers: [{ resources: { requests: { cpu: '1' } } }] }, status: { phase: 'Succeeded' } }, 'a'),
          o('Pod', 'crash', { spec: { containers: [{}] }, status: { phase: 'Running', containerStatuses: [{ name: 'c', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m' } } }] } }, 'a'),
          o('Pod', 'pull', { spec: { containers: [{}] }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ImagePullBackOff' } } }] } }, 'b'),
          o('Pod', 'weird', { spec: { containers: [] }, status: { phase: 'Exploded' } }, 'b'),
        ],
        deployments: [
          o('Deployment', 'stuck', { spec: { replicas: 2 }, status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' }] } }, 'a'),
          o('Deployment', 'short', { spec: { replicas: 3 }, status: { unavailableReplicas: 1 } }, 'a'),
          o('Deployment', 'fine', { spec: { replicas: 3 }, status: { availableReplicas: 3 } }, 'a'),
        ],
        statefulsets: [o('StatefulSet', 'db', { metadata: { name: 'db', namespace: 'a', generation: 2 }, spec: { replicas: 3 }, status: { readyReplicas: 1, observedGeneration: 2 } })],
        daemonsets: [o('DaemonSet', 'ds', { status: { numberUnavailable: 1, desiredNumberScheduled: 2 } }, 'kube-system')],
        jobs: [o('Job', 'j', { status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] } }, 'a')],
        events: [
          o('Event', 'e1', { type: 'Warning', reason: 'Old', lastTimestamp: '2026-01-01T00:00:00Z', involvedObject: { kind: 'Pod', name: 'x' } }, 'a'),
          o('Event', 'e2', { type: 'Warning', reason: 'New', lastTimestamp: '2026-01-02T00:00:00Z', count: 4, involvedObject: { kind: 'Pod', name: 'y' } }, 'a'),
          o('Event', 'e3', { type: 'Normal', reason: 'Fine', lastTimestamp: '2026-01-03T00:00:00Z', involvedObject: {} }, 'a'),
        ],
        nodeMetrics: [o('NodeMetrics', 'n1', { usage: { cpu: '500000000n', memory: '1Gi' } })],
      },
      new Date('2026-01-05T00:00:00Z'),
    );
    expect(s.nodes).toEqual({ ready: 1, total: 2 });
    expect(s.pods).toEqual({ Running: 2, Pending: 1, Succeeded: 1, Failed: 0, Unknown: 1 });
    expect(s.cpu).toEqual({ capacity: 6, requests: 0.25, usage: 0.5 });
    expect(s.memory.capacity).toBe(12 * 2 ** 30);
    expect(s.memory.requests).toBe(64 * 2 ** 20);
    expect(s.memory.usage).toBe(2 ** 30);
    const reasons = s.problems.map((p) => `${p.kind}/${p.name}:${p.reason}`).sort();
    expect(reasons).toEqual([
      'DaemonSet/ds:UnavailableReplicas',
      'Deployment/short:UnavailableReplicas',
      'Deployment/stuck:ProgressDeadlineExceeded',
      'Job/j:JobFailed',
      'Node/n2:NodeNotReady',
      'Pod/crash:CrashLoopBackOff',
      'Pod/pull:ImagePullBackOff',
      'StatefulSet/db:UnavailableReplicas',
    ]);
    expect(s.problems.find((p) => p.name === 'crash')).toMatchObject({ group: '', version: 'v1', resource: 'pods', namespace: 'a', message: 'back-off 5m' });
    expect(s.warningEvents.map((e) => e.reason)).toEqual(['New', 'Old']);
    expect(s.warningEvents[0]).toMatchObject({ count: 4, involvedObject: { kind: 'Pod', name: 'y' } });
    expect(s.version).toBe('v1.32.4');
  });

  it('leaves usage out without metrics and copes with empty clusters', () => {
    const s = computeSummary({ nodes: [], pods: [], deployments: [], statefulsets: [], daemonsets: [], jobs: [], events: [] });
    expect(s.cpu).toEqual({ capacity: 0, requests: 0 });
    expect(s.problems).toEqual([]);
  });
});
