import { describe, expect, it } from 'vitest';
import { statusLine } from './summary';
import { statusTone } from './status-tone';
import type { K8sObject } from './types';

const o = (x: Record<string, unknown>): K8sObject => ({ metadata: { name: 'x' }, ...x }) as K8sObject;

describe('statusLine', () => {
  it('pods use the kubectl reason', () => {
    expect(statusLine(o({ kind: 'Pod', spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } }))).toMatchObject({ text: 'CrashLoopBackOff', tone: 'error' });
  });
  it('deployments: available, progressing, stuck', () => {
    expect(statusLine(o({ kind: 'Deployment', spec: { replicas: 2 }, status: { readyReplicas: 2, updatedReplicas: 2 } }))?.text).toBe('Available');
    expect(statusLine(o({ kind: 'Deployment', spec: { replicas: 2 }, status: { readyReplicas: 1, updatedReplicas: 1 } }))).toMatchObject({ text: 'Progressing', tone: 'warn' });
    expect(statusLine(o({ kind: 'Deployment', spec: { replicas: 2 }, status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } }))?.tone).toBe('error');
  });
  it('falls back to the Ready condition, or null', () => {
    expect(statusLine(o({ kind: 'Widget', status: { conditions: [{ type: 'Ready', status: 'False', message: 'waiting' }] } }))).toMatchObject({ text: 'Not ready', detail: 'waiting' });
    expect(statusLine(o({ kind: 'ConfigMap' }))).toBeNull();
  });
});

describe('statusTone', () => {
  it.each([
    ['Running', 'ok'],
    ['Pending', 'info'],
    ['Init:0/2', 'info'],
    ['Init:CrashLoopBackOff', 'error'],
    ['CrashLoopBackOff', 'error'],
    ['Ready,SchedulingDisabled', 'warn'],
    ['NotReady', 'warn'],
    ['Warning', 'warn'],
    ['Normal', 'ok'],
    ['', 'muted'],
  ])('%s → %s', (s, t) => expect(statusTone(s)).toBe(t));
});
