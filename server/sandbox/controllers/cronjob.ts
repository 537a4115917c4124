/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** CronJob controller: creates Jobs on schedule (cluster time), honours concurrencyPolicy, suspend and history limits. */
import { CronExpressionParser } from 'cron-parser';
import type { KObject } from '../types';
import { iso } from './lib/clock';
import { changed, keyOf, makeController, ownerKey, watchAll, type Ctx } from './lib/context';
import { ownerRefTo } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';
import { jobFinished } from './job';
import { cronSyntaxError } from '../apiserver/openapi/cron-syntax';

/** The latest schedule time in (after, now], or undefined. Pure; exported for tests. */
export function mostRecentSchedule(schedule: string, after: number, now: number, tz = 'UTC'): number | undefined {
  const expr = CronExpressionParser.parse(normalizeSchedule(schedule), { currentDate: new Date(now), tz });
  const prev = expr.prev().getTime();
  return prev > after ? prev : undefined;
}

export function nextSchedule(schedule: string, now: number, tz = 'UTC'): number {
  return CronExpressionParser.parse(normalizeSchedule(schedule), { currentDate: new Date(now), tz }).next().getTime();
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
function normalizeSchedule(s: string): string {
  const t = s.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  return MACROS[t] ?? t;
}

export function startCronJobController(ctx: Ctx) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'cronjob-controller' };

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const cj = client.get(R.cronjobs, ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const spec = (cj as any).spec ?? {};
    const prev = (cj as any).status ?? {};
    const uid = cj.metadata.uid!;
    const jobs = client.list(R.jobs, { namespace: ns }).items.filter((j) => j.metadata.ownerReferences?.some((o) => o.uid === uid));
    const active = jobs.filter((j) => !jobFinished(j));
    const status: Record<string, unknown> = { ...prev };
    // history
    let lastSuccessful = prev.lastSuccessfulTime ? Date.parse(prev.lastSuccessfulTime) : 0;
    const byTime = (a: KObject, b: KObject) => (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0);
    const ok = jobs.filter((j) => jobFinished(j) === 'Complete').sort(byTime);
    const bad = jobs.filter((j) => jobFinished(j) === 'Failed').sort(byTime);
    for (const j of ok) {
      const t = Date.parse((j as any).status?.completionTime ?? '') || 0;
      if (t > lastSuccessful) {
        lastSuccessful = t;
        recorder.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: Complete`, src);
      }
    }
    if (lastSuccessful) status.lastSuccessfulTime = iso(lastSuccessful);
    const prune = (list: KObject[], limit: number) => {
      for (const j of list.slice(0, Math.max(0, list.length - limit))) {
        try {
          client.delete(R.jobs, ns, j.metadata.name!, { propagationPolicy: 'Background' });
          recorder.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, src);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    };
    prune(ok, spec.successfulJobsHistoryLimit ?? 3);
    prune(bad, spec.failedJobsHistoryLimit ?? 1);

    const now = clock.simNow();
    const tz = spec.timeZone ?? 'UTC';
    const last = prev.lastScheduleTime ? Date.parse(prev.lastScheduleTime) : Date.parse(cj.metadata.creationTimestamp ?? '') || now;
    let due: number | undefined;
    try {
      due = mostRecentSchedule(spec.schedule, last, now, tz);
    } catch {
      const syntax = cronSyntaxError(String(spec.schedule ?? ''));
      if (syntax) recorder.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${syntax}`, src);
      // valid syntax that never fires ("59 23 31 2 *"): robfig yields zero times, which upstream's
      // mostRecentScheduleTime reports like this (and stops reconciling until the spec changes)
      else recorder.record(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : time difference between two schedules is less than 1 second`, src);
      return undefined;
    }
    let activeNow = active;
    if (due !== undefined && !spec.suspend) {
      if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
        recorder.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', src);
        due = undefined;
      } else {
        if (spec.concurrencyPolicy === 'Replace') {
          for (const j of active) {
            try {
              client.delete(R.jobs, ns, j.metadata.name!, { propagationPolicy: 'Background' });
              recorder.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, src);
            } catch (e) {
              if (!isNotFound(e)) throw e;
            }
          }
          activeNow = [];
        }
        const jt = spec.jobTemplate ?? {};
        const jobName = `${name}-${Math.floor(due / 60000)}`;
        if (!client.get(R.jobs, ns, jobName)) {
          const job = client.create(R.jobs, {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: {
              name: jobName,
              namespace: ns,
              labels: { ...(jt.metadata?.labels ?? {}) },
              annotations: { ...(jt.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(due).toISOString().replace(/\.\d{3}Z$/, 'Z') },
              ownerReferences: [ownerRefTo(cj)],
            },
            spec: structuredClone(jt.spec ?? {}),
          });
          activeNow = [...activeNow, job];
          recorder.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, src);
        }
        status.lastScheduleTime = iso(due);
      }
    }
    status.active = activeNow.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: ns, uid: j.metadata.uid, resourceVersion: j.metadata.resourceVersion }));
    if (!(status.active as unknown[]).length) delete status.active;
    const patch = { ...status, ...(prev.active && !status.active ? { active: null } : {}) };
    if (changed(prev, status)) client.patch(R.cronjobs, ns, name, 'merge', { status: patch }, { subresource: 'status' });
    let wait = 60_000;
    try {
      wait = Math.max(50, nextSchedule(spec.schedule, clock.simNow(), tz) - clock.simNow() + 20);
    } catch {
      /* reported above */
    }
    return { requeueAfterMs: wait };
  }

  return makeController(ctx, 'cronjob', reconcile, (enqueue) => [
    watchAll(ctx, R.cronjobs, (e) => enqueue(keyOf(e.object))),
    watchAll(ctx, R.jobs, (e) => {
      const k = ownerKey(e.object, 'CronJob');
      if (k) enqueue(k);
    }),
  ]);
}
