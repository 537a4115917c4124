/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Job controller: Indexed completion, per-index back-off, deadlines, TTL and pod failure policy, driven over HTTPS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { formatIndexes, matchFailurePolicy, parseIndexes } from './job-indexed';
import { openWatch } from '../apiserver/test-helpers';
import { api, apiCreate, apiGet, apiList, apiPatch, apiPath, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

describe('index bookkeeping', () => {
  it('formats completedIndexes like upstream and parses them back', () => {
    expect(formatIndexes([4, 0, 2, 1])).toBe('0-2,4');
    expect(formatIndexes([1, 2, 7])).toBe('1,2,7');
    expect(formatIndexes([])).toBe('');
    expect([...parseIndexes('0-2,4,9', 5)]).toEqual([0, 1, 2, 4]);
  });

  it('matches a failed pod against podFailurePolicy rules in order', () => {
    const pod = { metadata: { name: 'p', namespace: 'ns' }, status: { containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 42 } } }] } } as unknown as KObject;
    const policy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] } }, { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0, 1] } }] };
    expect(matchFailurePolicy(policy, pod)).toEqual({ action: 'FailJob', message: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1' });
    expect(matchFailurePolicy({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] }, pod).action).toBe('Count');
  });
});

describe('Job controller over HTTPS', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startTestCluster({ speed: 25 });
  });
  afterAll(async () => {
    await c?.stop();
  });

  const jobObj = (name: string, spec: Record<string, unknown>, image = 'busybox:1.37', runSeconds = '1'): KObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      ...spec,
      template: { metadata: { annotations: { 'sandbox.wheelhouse.dev/run-seconds': runSeconds } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } },
    },
  });
  const finished = async (name: string, type: 'Complete' | 'Failed', ms = 15_000) =>
    waitFor(async () => {
      const j = await apiGet(c, refs.jobs, 'default', name);
      return (j?.status?.conditions ?? []).some((x: any) => x.type === type && x.status === 'True') && j;
    }, ms, `${name} ${type}`);
  const podsOf = (name: string) => apiList(c, refs.pods, 'default', `batch.kubernetes.io/job-name=${name}`);
  const reason = (j: any) => j.status.conditions.find((x: any) => x.type === 'Failed')?.reason;

  it('Indexed: one pod per index with the index annotation, label, env and hostname; completedIndexes "0-4"', async () => {
    let maxActive = 0;
    await apiCreate(c, refs.jobs, jobObj('idx', { completionMode: 'Indexed', completions: 5, parallelism: 2 }));
    const job = await waitFor(async () => {
      const j = await apiGet(c, refs.jobs, 'default', 'idx');
      maxActive = Math.max(maxActive, j?.status?.active ?? 0);
      return (j?.status?.conditions ?? []).some((x: any) => x.type === 'Complete') && j;
    }, 15_000, 'indexed job complete');
    expect(job.status.completedIndexes).toBe('0-4');
    expect(job.status.succeeded).toBe(5);
    expect(maxActive).toBeLessThanOrEqual(2);
    const pods = await podsOf('idx');
    expect(pods.map((p) => p.metadata.annotations['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2', '3', '4']);
    for (const p of pods) {
      const i = p.metadata.labels['batch.kubernetes.io/job-completion-index'];
      expect(p.metadata.annotations['batch.kubernetes.io/job-completion-index']).toBe(i);
      expect(p.spec.hostname).toBe(`idx-${i}`);
      expect(p.metadata.name.startsWith(`idx-${i}-`)).toBe(true);
      expect(p.spec.containers[0].env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } });
    }
  });

  it('retries a failing pod one at a time until backoffLimit, each replacement after the failure before it', async () => {
    // positions of pod ADDED and Failed events on an HTTPS watch
    const rv = (await api(c, 'GET', apiPath(refs.pods, 'default'))).metadata.resourceVersion;
    const w = openWatch(c, `${apiPath(refs.pods, 'default')}?watch=true&resourceVersion=${rv}&labelSelector=${encodeURIComponent('batch.kubernetes.io/job-name=spaced')}`);
    const added: number[] = [];
    const failedAt = new Map<string, number>();
    const seen = new Set<string>();
    let n = 0;
    const track = (): number => {
      for (; n < w.events.length; n++) {
        const e = w.events[n];
        const name = e.object.metadata.name;
        if (e.type === 'ADDED' && !seen.has(name)) {
          seen.add(name);
          added.push(n);
        }
        if (e.object.status?.phase === 'Failed' && !failedAt.has(name)) failedAt.set(name, n);
      }
      return failedAt.size;
    };
    const waiting = w.waitFor(() => track() >= 4, 20_000);
    await apiCreate(c, refs.jobs, jobObj('spaced', { backoffLimit: 3 }, 'busybox:crash'));
    await waiting;
    w.close();
    const job = await finished('spaced', 'Failed');
    expect(reason(job)).toBe('BackoffLimitExceeded');
    expect(added).toHaveLength(4);
    const fails = [...failedAt.values()].sort((a, b) => a - b);
    // one pod at a time: each replacement appears in the watch only after the failure before it (the doubling
    // back-off durations are PodFailureBackoff's, tested on a fake clock in job-backoff.test.ts)
    for (const i of [1, 2, 3]) expect(added[i]).toBeGreaterThan(fails[i - 1]);
  });

  it('Indexed: a failed index is retried until backoffLimit is exceeded', async () => {
    await apiCreate(c, refs.jobs, jobObj('idx-retry', { completionMode: 'Indexed', completions: 2, parallelism: 1, backoffLimit: 2 }, 'busybox:crash'));
    const job = await finished('idx-retry', 'Failed');
    expect(reason(job)).toBe('BackoffLimitExceeded');
    expect(job.status.failed).toBe(3);
    // parallelism 1, lowest pending index first: index 0 was tried three times
    const idx = (await podsOf('idx-retry')).map((p) => p.metadata.annotations['batch.kubernetes.io/job-completion-index']);
    expect(idx).toEqual(['0', '0', '0']);
  });

  it('backoffLimitPerIndex fails each index after its own retries and the Job with FailedIndexes', async () => {
    await apiCreate(c, refs.jobs, jobObj('per-index', { completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 1 }, 'busybox:crash'));
    const job = await finished('per-index', 'Failed');
    expect(reason(job)).toBe('FailedIndexes');
    expect(job.status.failedIndexes).toBe('0-2');
    expect(job.status.failed).toBe(6);
    const pods = await podsOf('per-index');
    const counts = pods.map((p) => `${p.metadata.annotations['batch.kubernetes.io/job-completion-index']}:${p.metadata.annotations['batch.kubernetes.io/job-index-failure-count']}`).sort();
    expect(counts).toEqual(['0:0', '0:1', '1:0', '1:1', '2:0', '2:1']);
  });

  it('maxFailedIndexes stops the Job as soon as too many indexes failed', async () => {
    await apiCreate(c, refs.jobs, jobObj('max-failed', { completionMode: 'Indexed', completions: 4, parallelism: 1, backoffLimitPerIndex: 0, maxFailedIndexes: 1 }, 'busybox:crash'));
    const job = await finished('max-failed', 'Failed');
    expect(reason(job)).toBe('MaxFailedIndexesExceeded');
    expect(job.status.failedIndexes).toBe('0,1');
  });

  it('activeDeadlineSeconds fails a running Job with DeadlineExceeded and removes its pods', async () => {
    await apiCreate(c, refs.jobs, jobObj('deadline', { parallelism: 2, completions: 2, activeDeadlineSeconds: 30 }, 'busybox:1.37', '1000'));
    await waitFor(async () => (await apiGet(c, refs.jobs, 'default', 'deadline'))?.status?.active === 2, 10_000, 'running');
    const job = await finished('deadline', 'Failed');
    expect(reason(job)).toBe('DeadlineExceeded');
    expect(job.status.conditions.find((x: any) => x.type === 'Failed').message).toBe('Job was active longer than specified deadline');
    expect(job.status.active).toBe(0);
    await waitFor(async () => (await podsOf('deadline')).length === 0, 10_000, 'pods removed');
    const ev = (await apiList(c, refs.events, 'default')).find((e) => e.involvedObject.name === 'deadline' && e.reason === 'DeadlineExceeded');
    expect(ev?.type).toBe('Warning');
  });

  it('suspend: Suspended condition, no pods and no startTime while suspended; resume starts afresh', async () => {
    await apiCreate(c, refs.jobs, jobObj('susp', { parallelism: 2, completions: 2, suspend: true }, 'busybox:1.37', '1000'));
    const cond = async () => (await apiGet(c, refs.jobs, 'default', 'susp'))?.status?.conditions?.find((x: any) => x.type === 'Suspended');
    await waitFor(async () => (await cond())?.status === 'True', 10_000, 'suspended');
    let j = await apiGet(c, refs.jobs, 'default', 'susp');
    expect(j.status.startTime).toBeUndefined();
    expect(await podsOf('susp')).toHaveLength(0);
    await apiPatch(c, refs.jobs, 'default', 'susp', { spec: { suspend: false } });
    await waitFor(async () => (await apiGet(c, refs.jobs, 'default', 'susp'))?.status?.active === 2, 10_000, 'resumed');
    j = await apiGet(c, refs.jobs, 'default', 'susp');
    expect(j.status.startTime).toBeTruthy();
    expect(await cond()).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    await apiPatch(c, refs.jobs, 'default', 'susp', { spec: { suspend: true } });
    await waitFor(async () => (await cond())?.reason === 'JobSuspended' && (await podsOf('susp')).length === 0, 10_000, 'suspended again, pods gone');
    j = await apiGet(c, refs.jobs, 'default', 'susp');
    expect(j.status.active).toBe(0);
    expect(j.status.startTime).toBeUndefined();
  });

  it('ttlSecondsAfterFinished deletes a finished Job', async () => {
    // event order, not wall-clock time: the Job is seen Complete first, then deleted
    let seq = 0;
    let completeAt = 0;
    let deletedAt = 0;
    const stop = c.client.watch(refs.jobs, { namespace: 'default', resourceVersion: c.client.list(refs.jobs).resourceVersion }, (e) => {
      if (e.object.metadata.name !== 'ttl') return;
      seq++;
      if (e.type === 'DELETED') deletedAt ||= seq;
      else if (((e.object as any).status?.conditions ?? []).some((x: any) => x.type === 'Complete')) completeAt ||= seq;
    });
    await apiCreate(c, refs.jobs, jobObj('ttl', { ttlSecondsAfterFinished: 10 }));
    await waitFor(async () => deletedAt > 0 && (await apiGet(c, refs.jobs, 'default', 'ttl')) === undefined, 10_000, 'job deleted');
    stop();
    expect(completeAt).toBeGreaterThan(0);
    expect(deletedAt).toBeGreaterThan(completeAt);
  });

  it('podFailurePolicy: FailJob fails at the first matching exit code, Ignore does not count failures', async () => {
    await apiCreate(c, refs.jobs, jobObj('pfp-fail', { backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [1] } }] } }, 'busybox:crash'));
    const job = await finished('pfp-fail', 'Failed');
    expect(reason(job)).toBe('PodFailurePolicy');
    expect(job.status.failed).toBe(1);
    expect(job.status.conditions.find((x: any) => x.type === 'Failed').message).toMatch(/^Container main for pod default\/pfp-fail-\w+ failed with exit code 1 matching FailJob rule at index 0$/);

    await apiCreate(c, refs.jobs, jobObj('pfp-ignore', { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] } }] } }, 'busybox:crash'));
    await waitFor(async () => (await podsOf('pfp-ignore')).filter((p) => p.status?.phase === 'Failed').length >= 2, 10_000, 'two ignored failures');
    const j = await apiGet(c, refs.jobs, 'default', 'pfp-ignore');
    expect(j.status.failed ?? 0).toBe(0);
    expect((j.status.conditions ?? []).some((x: any) => x.type === 'Failed')).toBe(false);
  });
});
