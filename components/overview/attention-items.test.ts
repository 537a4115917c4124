import { describe, expect, it } from 'vitest';
import type { ClusterSummary } from '@/lib/api-types';
import { attentionItems } from './attention-items';

const summary: ClusterSummary = {
  nodes: { ready: 1, total: 2 },
  pods: { Running: 1, Pending: 0, Succeeded: 0, Failed: 0, Unknown: 0 },
  cpu: { capacity: 4, requests: 1 },
  memory: { capacity: 1, requests: 1 },
  updatedAt: '2024-01-01T00:00:00Z',
  problems: [
    { kind: 'Deployment', namespace: 'shop', name: 'api', reason: 'UnavailableReplicas', message: '0/2', group: 'apps', version: 'v1', resource: 'deployments' },
    { kind: 'Pod', namespace: 'shop', name: 'api-1', reason: 'CrashLoopBackOff', message: 'back-off', group: '', version: 'v1', resource: 'pods' },
  ],
  warningEvents: [
    { namespace: 'shop', involvedObject: { kind: 'Pod', name: 'api-1', namespace: 'shop' }, reason: 'BackOff', message: 'restarting', count: 3 },
    { involvedObject: { kind: 'Gizmo', name: 'g' }, reason: 'Odd', message: 'x' },
  ],
};

describe('attentionItems', () => {
  const items = attentionItems('east', summary, (k) => (k === 'Pod' ? { group: '', version: 'v1', plural: 'pods' } : undefined));

  it('puts errors first and links problems to their object', () => {
    expect(items[0]).toMatchObject({ reason: 'CrashLoopBackOff', tone: 'error', href: '/c/east/r/core/v1/pods/shop/api-1' });
    expect(items[1]).toMatchObject({ reason: 'UnavailableReplicas', href: '/c/east/r/apps/v1/deployments/shop/api' });
  });

  it('links warning events of known kinds only', () => {
    expect(items[2]).toMatchObject({ reason: 'BackOff', href: '/c/east/r/core/v1/pods/shop/api-1', count: 3 });
    expect(items[3]!.href).toBeUndefined();
  });
});
