/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Job controller: runs pods up to parallelism until completions succeed or failures exceed backoffLimit. */
import type { KObject } from '../types';
import { iso } from './lib/clock';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { isActive, isPodReady, podFromTemplate } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';

export const jobFinished = (job: KObject): 'Complete' | 'Failed' | undefined => {
  for (const c of (job as any).status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
};

export function startJobController(ctx: Ctx) {
  const { client, recorder } = ctx;
  const src = { component: 'job-controller' };

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const job = client.get(R.jobs, ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = (job as any).spec ?? {};
    const uid = job.metadata.uid!;
    const pods = client
      .list(R.pods, { namespace: ns, labelSelector: `batch.kubernetes.io/controller-uid=${uid}` })
      .items.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === uid));
    const prev = (job as any).status ?? {};
    const finished = jobFinished(job);
    const active = pods.filter(isActive);
    const succeeded = pods.filter((p) => (p as any).status?.phase === 'Succeeded').length;
    const failedPods = pods.filter((p) => (p as any).status?.phase === 'Failed').length;
    const restarts = spec.template?.spec?.restartPolicy === 'OnFailure'
      ? pods.reduce((s, p) => s + ((p as any).status?.containerStatuses ?? []).reduce((a: number, c: any) => a + (c.restartCount ?? 0), 0), 0)
      : 0;
    const failed = failedPods;
    const completions: number | undefined = spec.completions;
    const parallelism: number = spec.parallelism ?? 1;
    const backoffLimit: number = spec.backoffLimit ?? 6;
    const now = iso();
    const conditions: any[] = structuredClone(prev.conditions ?? []);
    const status: Record<string, unknown> = { ...prev, startTime: prev.startTime ?? now };
    let result: 'Complete' | 'Failed' | undefined = finished;

    if (!finished) {
      if (failed + restarts > backoffLimit) {
        result = 'Failed';
        for (const p of active) del(p);
        conditions.push(
          { type: 'FailureTarget', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
          { type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
        );
        recorder.record(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', src);
      } else if ((completions !== undefined && succeeded >= completions) || (completions === undefined && succeeded > 0 && active.length === 0)) {
        result = 'Complete';
        conditions.push(
          { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
          { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        );
        status.completionTime = now;
        recorder.record(job, 'Normal', 'Completed', 'Job completed', src);
      } else {
        const remaining = completions !== undefined ? completions - succeeded : succeeded > 0 ? 0 : parallelism;
        const want = spec.suspend ? 0 : Math.max(0, Math.min(parallelism, remaining));
        for (let i = active.length; i < want; i++) {
          const pod = podFromTemplate(spec.template, job, {
            labels: {
              'batch.kubernetes.io/controller-uid': uid,
              'batch.kubernetes.io/job-name': name,
              'controller-uid': uid,
              'job-name': name,
            },
          });
          const created = client.create(R.pods, pod);
          active.push(created);
          recorder.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, src);
        }
        for (const p of active.slice(want)) del(p);
      }
    }
    const live = pods.filter(isActive);
    Object.assign(status, {
      active: result ? 0 : live.length,
      succeeded,
      failed,
      ready: live.filter(isPodReady).length,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp).length,
      uncountedTerminatedPods: {},
      conditions,
    });
    if (!conditions.length) delete status.conditions;
    if (changed(prev, status)) client.patch(R.jobs, ns, name, 'merge', { status }, { subresource: 'status' });
    const ttl = spec.ttlSecondsAfterFinished;
    if (result && ttl !== undefined) {
      const doneAt = Date.parse((status.completionTime as string) ?? conditions.at(-1)?.lastTransitionTime ?? now);
      const left = ttl * 1000 - (Date.now() - doneAt) * ctx.clock.speed;
      if (left <= 0) {
        client.delete(R.jobs, ns, name, { propagationPolicy: 'Background' });
        return undefined;
      }
      return { requeueAfterMs: left };
    }
    return undefined;
  }

  function del(p: KObject) {
    try {
      client.delete(R.pods, p.metadata.namespace, p.metadata.name!);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  return makeController(ctx, 'job', reconcile, (enqueue) => [
    watchAll(ctx, R.jobs, (e) => enqueue(keyOf(e.object))),
    watchAll(ctx, R.pods, (e) => {
      const k = ownerKey(e.object, 'Job');
      if (k) enqueue(k);
    }),
  ]);
}
