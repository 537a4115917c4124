import { describe, expect, it } from 'vitest';
import { podSummary, restartsText } from './pod-status';

const pod = (spec: object, status: object, meta: object = {}): object =>
  ({ metadata: { name: 'p', ...meta }, spec: { containers: [{ name: 'a' }], ...spec }, status });

describe('podSummary (kubectl STATUS)', () => {
  it('running and ready', () => {
    const s = podSummary(pod({}, { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }] }));
    expect(s).toMatchObject({ ready: 1, total: 1, reason: 'Running', restarts: 0 });
  });
  it('CrashLoopBackOff with restarts and last restart time', () => {
    const s = podSummary(
      pod({}, {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:00:00Z' } } },
        ],
      }),
    );
    expect(s).toMatchObject({ ready: 0, reason: 'CrashLoopBackOff', restarts: 5, lastRestart: '2024-01-01T00:00:00Z' });
  });
  it('ImagePullBackOff', () => {
    expect(podSummary(pod({}, { phase: 'Pending', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] })).reason).toBe('ImagePullBackOff');
  });
  it('Completed', () => {
    expect(podSummary(pod({}, { phase: 'Succeeded', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })).reason).toBe('Completed');
  });
  it('Completed with a container still running turns back to Running / NotReady', () => {
    const statuses = [
      { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'b', ready: true, restartCount: 0, state: { running: {} } },
    ];
    // kubectl walks statuses from the last one, so the first container's Completed is what remains
    const ready = podSummary(pod({ containers: [{ name: 'a' }, { name: 'b' }] }, { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] }));
    expect(ready.reason).toBe('Running');
    const notReady = podSummary(pod({ containers: [{ name: 'a' }, { name: 'b' }] }, { phase: 'Running', containerStatuses: statuses }));
    expect(notReady.reason).toBe('NotReady');
  });
  it('ExitCode and Signal without reason', () => {
    expect(podSummary(pod({}, { phase: 'Failed', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }] })).reason).toBe('ExitCode:3');
    expect(podSummary(pod({}, { phase: 'Failed', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, signal: 9 } } }] })).reason).toBe('Signal:9');
  });
  it('Terminating when deleted and not terminal; Unknown when NodeLost', () => {
    const running = { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }] };
    expect(podSummary(pod({}, running, { deletionTimestamp: '2024-01-01T00:00:00Z' })).reason).toBe('Terminating');
    expect(podSummary(pod({}, { ...running, reason: 'NodeLost' }, { deletionTimestamp: '2024-01-01T00:00:00Z' })).reason).toBe('Unknown');
    expect(podSummary(pod({}, { phase: 'Succeeded' }, { deletionTimestamp: '2024-01-01T00:00:00Z' })).reason).toBe('Succeeded');
  });
  it('init containers: Init:0/2, Init:CrashLoopBackOff, Init:ExitCode', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    expect(podSummary(pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount: 0, state: { running: {} } }] })).reason).toBe('Init:0/2');
    expect(
      podSummary(pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] })),
    ).toMatchObject({ reason: 'Init:CrashLoopBackOff', restarts: 2 });
    expect(
      podSummary(pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } }, { name: 'i2', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }] })).reason,
    ).toBe('Init:ExitCode:2');
    expect(podSummary(pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] })).reason).toBe('Init:0/2');
  });
  it('restartable init containers (sidecars) count toward total and ready', () => {
    const s = podSummary(
      pod({ initContainers: [{ name: 'side', restartPolicy: 'Always' }] }, {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'side', ready: true, started: true, restartCount: 1, state: { running: {} } }],
        containerStatuses: [{ name: 'a', ready: true, restartCount: 2, state: { running: {} } }],
      }),
    );
    expect(s).toMatchObject({ ready: 2, total: 2, reason: 'Running', restarts: 3 });
  });
  it('status.reason (Evicted) and SchedulingGated', () => {
    expect(podSummary(pod({}, { phase: 'Failed', reason: 'Evicted' })).reason).toBe('Evicted');
    expect(podSummary(pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] })).reason).toBe('SchedulingGated');
  });
  it('an init container still running holds the pod at Init:N/M; a failed one before a sidecar shows its reason', () => {
    const spec = { initContainers: [{ name: 'side', restartPolicy: 'Always' }, { name: 'setup' }] };
    const sidecarUp = { name: 'side', ready: true, started: true, restartCount: 0, state: { running: {} } };
    expect(podSummary(pod(spec, { phase: 'Pending', initContainerStatuses: [sidecarUp, { name: 'setup', ready: false, restartCount: 0, state: { running: {} } }] })).reason).toBe('Init:1/2');
    const failed = { name: 'setup', ready: false, restartCount: 2, state: { terminated: { exitCode: 2 } } };
    expect(podSummary(pod(spec, { phase: 'Pending', initContainerStatuses: [sidecarUp, failed] }))).toMatchObject({ reason: 'Init:ExitCode:2', ready: 1, total: 2, restarts: 2 });
  });
  it('restartsText prints the last restart age like kubectl', () => {
    const now = Date.parse('2024-01-01T00:05:00Z');
    expect(restartsText({ restarts: 3, lastRestart: '2024-01-01T00:03:00Z' }, now)).toBe('3 (2m ago)');
    expect(restartsText({ restarts: 0, lastRestart: null }, now)).toBe('0');
  });
});
