import { describe, expect, it } from 'vitest';
import { applyPatch } from 'fast-json-patch';
import type { K8sObject } from './types';
import {
  controllerRevisions,
  controllerRollback,
  deploymentProgress,
  deploymentRevisions,
  deploymentRollback,
  equalIgnoreHash,
  pickRevision,
  restartPatch,
  RESTARTED_AT,
  RolloutError,
} from './rollout';

const tpl = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image }] },
});

const deploy = (image: string, extra: Partial<K8sObject['spec']> = {}): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'ns',
    uid: 'd-uid',
    resourceVersion: '42',
    annotations: { 'deployment.kubernetes.io/revision': '3', 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
  },
  spec: { replicas: 2, template: tpl(image), ...extra },
});

const rs = (rev: number, image: string, owner = 'd-uid', replicas = 0): K8sObject => ({
  metadata: {
    name: `web-${rev}`,
    uid: `rs-${rev}`,
    creationTimestamp: `2026-01-0${rev}T00:00:00Z`,
    annotations: { 'deployment.kubernetes.io/revision': String(rev), 'kubernetes.io/change-cause': `set image ${image}`, 'deployment.kubernetes.io/desired-replicas': '2' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner, controller: true }],
  },
  spec: { replicas, template: tpl(image, `h${rev}`) },
  status: { replicas },
});

describe('deployment history', () => {
  const sets = [rs(3, 'nginx:3', 'd-uid', 2), rs(1, 'nginx:1'), rs(2, 'nginx:2'), rs(9, 'other', 'someone-else')];

  it('lists owned ReplicaSets as revisions, sorted, with the current one marked and the hash label removed', () => {
    const h = deploymentRevisions(deploy('nginx:3'), sets);
    expect(h.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(h[2]).toMatchObject({ name: 'web-3', images: ['nginx:3'], pods: 2, current: true, changeCause: 'set image nginx:3' });
    expect(h[0].current).toBe(false);
    expect((h[0].template as { metadata: { labels: Record<string, string> } }).metadata.labels).toEqual({ app: 'web' });
  });

  it('rolls back with a json patch: test resourceVersion, replace template, annotations merged like kubectl', () => {
    const d = deploy('nginx:3');
    const plan = deploymentRollback(d, sets, 1);
    if (plan.skipped) throw new Error('unexpected skip');
    expect(plan.patchType).toBe('application/json-patch+json');
    expect(plan.revision).toBe(1);
    const out = applyPatch(structuredClone(d), plan.patch as never, true, false).newDocument as K8sObject;
    expect(out.spec.template).toEqual(tpl('nginx:1'));
    // kept from the deployment: revision + last-applied; copied from the RS: change-cause; dropped: team, desired-replicas
    expect(out.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'kubernetes.io/change-cause': 'set image nginx:1',
    });
    const stale = { ...d, metadata: { ...d.metadata, resourceVersion: '43' } };
    expect(() => applyPatch(stale, plan.patch as never, true, false)).toThrow();
  });

  it('revision 0 means the previous one; a matching template is skipped; unknown revisions and paused deployments fail', () => {
    const plan = deploymentRollback(deploy('nginx:3'), sets, 0);
    expect(plan.skipped === false && plan.revision).toBe(2);
    expect(deploymentRollback(deploy('nginx:3'), sets, 3)).toMatchObject({ skipped: true });
    expect(() => deploymentRollback(deploy('nginx:3'), sets, 7)).toThrow(/unable to find specified revision 7/);
    expect(() => deploymentRollback(deploy('nginx:3', { paused: true }), sets, 1)).toThrow(RolloutError);
    expect(() => pickRevision([], 0, 'deployment')).toThrow(/no rollout history/);
  });
});

describe('controller revisions (StatefulSet / DaemonSet)', () => {
  const sts: K8sObject = { kind: 'StatefulSet', metadata: { name: 'db', uid: 's-uid', resourceVersion: '7' }, spec: { template: tpl('pg:2') } };
  const cr = (rev: number, image: string): K8sObject => ({
    metadata: { name: `db-${rev}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 's-uid', controller: true }] },
    revision: rev,
    data: { spec: { template: { ...tpl(image), $patch: 'replace' } } },
  });

  it('lists revisions with pod counts and the current one', () => {
    const h = controllerRevisions(sts, [cr(2, 'pg:2'), cr(1, 'pg:1')], { 'db-2': 3 });
    expect(h.map((r) => [r.revision, r.current, r.pods, r.images[0]])).toEqual([
      [1, false, 0, 'pg:1'],
      [2, true, 3, 'pg:2'],
    ]);
    expect(h[0].template).not.toHaveProperty('$patch');
  });

  it('rolls back with the revision data as a strategic merge patch carrying a resourceVersion precondition', () => {
    const plan = controllerRollback(sts, [cr(1, 'pg:1'), cr(2, 'pg:2')], 0, 'statefulset');
    expect(plan).toMatchObject({
      skipped: false,
      revision: 1,
      patchType: 'application/strategic-merge-patch+json',
      patch: { metadata: { resourceVersion: '7' }, spec: { template: { $patch: 'replace', spec: { containers: [{ image: 'pg:1' }] } } } },
    });
    expect(controllerRollback(sts, [cr(1, 'pg:1'), cr(2, 'pg:2')], 2, 'statefulset')).toMatchObject({ skipped: true });
  });
});

describe('restart and progress', () => {
  it('restart stamps restartedAt in RFC 3339 without fractions', () => {
    const p = restartPatch(new Date('2026-11-22T13:00:00.123Z'));
    expect(p.spec.template.metadata.annotations[RESTARTED_AT]).toBe('2026-11-22T13:00:00Z');
  });

  it('reads progress and flags ProgressDeadlineExceeded as stuck', () => {
    const d = deploy('x');
    d.metadata = { ...d.metadata, generation: 2 };
    d.status = { observedGeneration: 2, replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'deadline' }] };
    expect(deploymentProgress(d)).toMatchObject({ desired: 2, updated: 1, ready: 2, available: 2, stuck: true, stuckMessage: 'deadline', complete: false });
    d.status = { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
    expect(deploymentProgress(d)).toMatchObject({ stuck: false, complete: true });
  });

  it('template equality ignores the hash label and key order', () => {
    expect(equalIgnoreHash(tpl('a', 'x'), { spec: { containers: [{ image: 'a', name: 'web' }] }, metadata: { labels: { app: 'web' } } })).toBe(true);
    expect(equalIgnoreHash(tpl('a'), tpl('b'))).toBe(false);
  });
});
