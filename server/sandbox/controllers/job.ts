/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * Job controller: runs pods up to parallelism until completions succeed, NonIndexed or Indexed (one pod per
 * completion index, completedIndexes/failedIndexes, backoffLimitPerIndex, maxFailedIndexes); fails a Job on
 * backoffLimit, activeDeadlineSeconds or a podFailurePolicy FailJob rule; ttlSecondsAfterFinished deletes it.
 * Replacements for failed pods wait out the exponential pod-failure back-off (job-backoff.ts).
 */
import { isConditionTrue, upsertCondition } from '../../../lib/k8s/machinery/conditions';
import type { KObject } from '../types';
import { iso } from './lib/clock';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { isActive, isPodReady, podFromTemplate } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';
import { decorateIndexed, formatIndexes, indexOf, matchFailurePolicy, parseIndexes } from './job-indexed';
import { PodFailureBackoff } from './job-backoff';

export const jobFinished = (job: KObject): 'Complete' | 'Failed' | undefined => {
  for (const c of (job as any).status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
};

const phase = (p: KObject): string | undefined => (p as any).status?.phase;

export function startJobController(ctx: Ctx) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'job-controller' };
  /** ms-precise start per Job uid (status.startTime has second precision, too coarse at high speeds) */
  const started = new Map<string, number>();
  /** ms-precise finish per Job uid, for ttlSecondsAfterFinished (completionTime has second precision too) */
  const finishedAt = new Map<string, number>();
  const backoff = new PodFailureBackoff(clock);

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const job = client.get(R.jobs, ns, name);
    if (!job || job.metadata.deletionTimestamp) {
      backoff.forget(key);
      return;
    }
    const spec = (job as any).spec ?? {};
    const uid = job.metadata.uid!;
    const pods = client
      .list(R.pods, { namespace: ns, labelSelector: `batch.kubernetes.io/controller-uid=${uid}` })
      .items.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === uid));
    const prev = (job as any).status ?? {};
    const finished = jobFinished(job);
    const indexed = spec.completionMode === 'Indexed';
    const completions: number | undefined = spec.completions;
    const parallelism: number = spec.parallelism ?? 1;
    const perIndex: number | undefined = indexed ? spec.backoffLimitPerIndex : undefined;
    const backoffLimit: number = spec.backoffLimit ?? (perIndex !== undefined ? Infinity : 6);
    const active = pods.filter(isActive);

    // failed pods, classified by the pod failure policy (Ignore: not counted; FailJob; FailIndex)
    let failJob: string | undefined;
    const failIndex = new Set<number>();
    const counted: KObject[] = [];
    for (const p of pods.filter((x) => phase(x) === 'Failed')) {
      const m = matchFailurePolicy(spec.podFailurePolicy, p);
      if (m.action === 'Ignore') continue;
      counted.push(p);
      if (m.action === 'FailJob') failJob ??= m.message;
      if (m.action === 'FailIndex' && indexOf(p) !== undefined) failIndex.add(indexOf(p)!);
    }
    const restarts = spec.template?.spec?.restartPolicy === 'OnFailure'
      ? pods.reduce((s, p) => s + ((p as any).status?.containerStatuses ?? []).reduce((a: number, c: any) => a + (c.restartCount ?? 0), 0), 0)
      : 0;
    const failed = counted.length;
    backoff.observe(key, uid, pods.filter((p) => phase(p) === 'Succeeded'), counted, indexOf);
    /** simulated ms until the back-off lets the next pod be created */
    let retryInMs: number | undefined;

    // indexed bookkeeping: completed indexes are kept in status (pods may be gone), failures counted per index
    const n = completions ?? 0;
    const completedIdx = parseIndexes(prev.completedIndexes, n);
    const failuresOf = new Map<number, number>();
    if (indexed) {
      for (const p of pods) if (phase(p) === 'Succeeded' && indexOf(p)! < n) completedIdx.add(indexOf(p)!);
      for (const p of counted) if (indexOf(p) !== undefined) failuresOf.set(indexOf(p)!, (failuresOf.get(indexOf(p)!) ?? 0) + 1);
    }
    const failedIdx = perIndex !== undefined ? parseIndexes(prev.failedIndexes, n) : new Set<number>();
    if (perIndex !== undefined) {
      for (const [i, f] of failuresOf) if (f > perIndex) failedIdx.add(i);
      for (const i of failIndex) failedIdx.add(i);
      for (const i of completedIdx) failedIdx.delete(i);
    }
    const succeeded = indexed ? completedIdx.size : pods.filter((p) => phase(p) === 'Succeeded').length;

    const now = iso();
    const conditions: any[] = structuredClone(prev.conditions ?? []);
    const status: Record<string, unknown> = { ...prev };
    if (!finished) suspension(job, spec, conditions, status, now);
    if (!spec.suspend && !status.startTime) started.set(uid, clock.now());
    if (!spec.suspend) status.startTime = status.startTime ?? now;
    const startMs = started.get(uid) ?? (prev.startTime ? Date.parse(prev.startTime) : undefined);
    const deadlineLeftMs = spec.activeDeadlineSeconds !== undefined && startMs !== undefined && !spec.suspend
      ? spec.activeDeadlineSeconds * 1000 - (clock.now() - startMs) * clock.speed
      : undefined;
    let result: 'Complete' | 'Failed' | undefined = finished;

    if (!finished) {
      const failure: [string, string] | undefined = failJob
        ? ['PodFailurePolicy', failJob]
        : failed + restarts > backoffLimit
          ? ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']
          : spec.maxFailedIndexes !== undefined && failedIdx.size > spec.maxFailedIndexes
            ? ['MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes']
            : deadlineLeftMs !== undefined && deadlineLeftMs <= 0
              ? ['DeadlineExceeded', 'Job was active longer than specified deadline']
              : indexed && failedIdx.size > 0 && completedIdx.size + failedIdx.size >= n && !active.length
                ? ['FailedIndexes', 'Job has failed indexes']
                : undefined;
      if (failure) {
        const [reason, message] = failure;
        result = 'Failed';
        for (const p of active) del(p);
        conditions.push(
          { type: 'FailureTarget', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message },
          { type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message },
        );
        recorder.record(job, 'Warning', reason, message, src);
      } else if ((completions !== undefined && succeeded >= completions) || (completions === undefined && succeeded > 0 && active.length === 0)) {
        result = 'Complete';
        conditions.push(
          { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
          { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        );
        status.completionTime = now;
        recorder.record(job, 'Normal', 'Completed', 'Job completed', src);
      } else if (indexed) {
        retryInMs = syncIndexed(key, job, spec, active, completedIdx, failedIdx, failuresOf, perIndex !== undefined);
      } else {
        const remaining = completions !== undefined ? completions - succeeded : succeeded > 0 ? 0 : parallelism;
        const want = spec.suspend ? 0 : Math.max(0, Math.min(parallelism, remaining));
        const wait = active.length < want ? backoff.remaining(key) : 0;
        if (wait > 0) retryInMs = wait;
        else for (let i = active.length; i < want; i++) create(job, podFromTemplate(spec.template, job, { labels: jobLabels(job) }));
        for (const p of active.slice(want)) del(p);
      }
    }
    const live = client.list(R.pods, { namespace: ns, labelSelector: `batch.kubernetes.io/controller-uid=${uid}` }).items.filter(isActive);
    Object.assign(status, {
      active: result ? 0 : live.length,
      succeeded,
      failed,
      ready: result ? 0 : live.filter(isPodReady).length,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp).length,
      uncountedTerminatedPods: {},
      conditions,
    });
    if (indexed) status.completedIndexes = formatIndexes(completedIdx);
    if (perIndex !== undefined) status.failedIndexes = formatIndexes(failedIdx);
    if (!conditions.length) delete status.conditions;
    if (changed(prev, status)) client.patch(R.jobs, ns, name, 'merge', { status }, { subresource: 'status' });
    if (!result) {
      const after = Math.min(deadlineLeftMs !== undefined ? deadlineLeftMs + 20 : Infinity, retryInMs !== undefined ? retryInMs + 2 * clock.speed : Infinity);
      return after < Infinity ? { requeueAfterMs: after } : undefined;
    }
    started.delete(uid);
    backoff.forget(key);
    if (!finished) finishedAt.set(uid, clock.now());
    const ttl = spec.ttlSecondsAfterFinished;
    if (ttl !== undefined) {
      const doneAt = finishedAt.get(uid) ?? Date.parse((status.completionTime as string) ?? conditions.at(-1)?.lastTransitionTime ?? now);
      const left = ttl * 1000 - (clock.now() - doneAt) * clock.speed;
      if (left <= 0) {
        finishedAt.delete(uid);
        client.delete(R.jobs, ns, name, { propagationPolicy: 'Background' });
        return undefined;
      }
      return { requeueAfterMs: left };
    }
    return undefined;
  }

  /** suspend: a Suspended condition (True/JobSuspended, then False/JobResumed); startTime is cleared while suspended. */
  function suspension(job: KObject, spec: any, conditions: any[], status: Record<string, unknown>, now: string) {
    const was = isConditionTrue(conditions, 'Suspended');
    if (!!spec.suspend === was) return;
    const [st, reason, message] = spec.suspend ? ['True', 'JobSuspended', 'Job suspended'] : ['False', 'JobResumed', 'Job resumed'];
    upsertCondition(conditions, { type: 'Suspended', status: st, lastProbeTime: now, reason, message }, now);
    // null removes the field in the merge patch; a resumed Job starts (and its deadline runs) afresh
    status.startTime = null;
    started.delete(job.metadata.uid!);
    recorder.record(job, 'Normal', spec.suspend ? 'Suspended' : 'Resumed', message, src);
  }

  /**
   * Indexed mode: one active pod per pending index, lowest first, up to parallelism. Back-off: Job-wide, or
   * per index with backoffLimitPerIndex (upstream getPodCreationInfoForIndependentIndexes). Returns the
   * simulated ms until a held-back index may get its pod.
   */
  function syncIndexed(key: string, job: KObject, spec: any, active: KObject[], completed: Set<number>, failed: Set<number>, failuresOf: Map<number, number>, perIndex: boolean): number | undefined {
    const n: number = spec.completions ?? 0;
    const byIndex = new Map<number, KObject>();
    for (const p of active) {
      const i = indexOf(p);
      // pods of finished indexes, out-of-range or duplicate indexes go
      if (i === undefined || i >= n || completed.has(i) || failed.has(i) || byIndex.has(i)) del(p);
      else byIndex.set(i, p);
    }
    const want = spec.suspend ? 0 : Math.max(0, Math.min(spec.parallelism ?? 1, n - completed.size - failed.size));
    for (const [i, p] of [...byIndex].sort((a, b) => b[0] - a[0]).slice(0, Math.max(0, byIndex.size - want))) {
      del(p);
      byIndex.delete(i);
    }
    if (byIndex.size >= want) return undefined;
    const wait = perIndex ? 0 : backoff.remaining(key);
    if (wait > 0) return wait;
    // the lowest pending indexes, as many as are missing; with backoffLimitPerIndex, those still backing off wait
    const pending: number[] = [];
    for (let i = 0; i < n && byIndex.size + pending.length < want; i++) if (!completed.has(i) && !failed.has(i) && !byIndex.has(i)) pending.push(i);
    let retry: number | undefined;
    for (const i of pending) {
      const left = perIndex ? backoff.remainingForIndex(key, i, failuresOf.get(i) ?? 0) : 0;
      if (left > 0) {
        retry = Math.min(retry ?? Infinity, left);
        continue;
      }
      const pod = podFromTemplate(spec.template, job, { labels: jobLabels(job) });
      byIndex.set(i, create(job, decorateIndexed(pod, job.metadata.name!, i, perIndex ? failuresOf.get(i) ?? 0 : undefined)));
    }
    return retry;
  }

  function jobLabels(job: KObject): Record<string, string> {
    const uid = job.metadata.uid!;
    const name = job.metadata.name!;
    return { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
  }

  function create(job: KObject, pod: KObject): KObject {
    const created = client.create(R.pods, pod);
    recorder.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, src);
    return created;
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
