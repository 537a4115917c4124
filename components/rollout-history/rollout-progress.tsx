'use client';
/** Live rollout progress (updated / ready / available against desired) and a clear alert when it is stuck. */
import type { K8sObject } from '@/lib/k8s/types';
import { deploymentProgress } from '@/lib/k8s/rollout';
import { Tooltip } from '@/components/ui/tooltip';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export function RolloutProgress({ obj }: { obj: K8sObject }) {
  const isDeploy = obj.kind === 'Deployment';
  const s = obj.status ?? {};
  const p = isDeploy
    ? deploymentProgress(obj)
    : obj.kind === 'DaemonSet'
      ? { desired: Number(s.desiredNumberScheduled ?? 0), updated: Number(s.updatedNumberScheduled ?? 0), ready: Number(s.numberReady ?? 0), available: Number(s.numberAvailable ?? 0), stuck: false, stuckMessage: undefined, paused: false }
      : { desired: Number(obj.spec?.replicas ?? 1), updated: Number(s.updatedReplicas ?? 0), ready: Number(s.readyReplicas ?? 0), available: Number(s.availableReplicas ?? 0), stuck: false, stuckMessage: undefined, paused: false };
  const conditions = (s.conditions ?? []) as Condition[];
  return (
    <section aria-label="Rollout progress" className="space-y-2">
      {p.stuck && (
        <div role="alert" className="rounded-md border border-error/30 bg-error/12 px-3 py-2 text-sm text-error">
          Rollout is stuck: progress deadline exceeded. {p.stuckMessage}
        </div>
      )}
      {p.paused && (
        <div role="status" className="rounded-md border border-line bg-surface-2 px-3 py-2 text-sm">
          Rollouts are paused: template changes wait until Resume.
        </div>
      )}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {(
          [
            ['Desired', p.desired],
            ['Updated', p.updated],
            ['Ready', p.ready],
            ['Available', p.available],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="flex gap-1.5">
            <dt className="text-fg-muted">{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
      {conditions.length > 0 && (
        <ul aria-label="Rollout conditions" className="flex flex-wrap gap-2 text-xs">
          {conditions.map((c) => (
            <li key={c.type}>
              <Tooltip content={c.message} focusable>
                <span className="inline-block rounded border border-line px-1.5 py-px">
                  {c.type}={c.status}
                  {c.reason ? ` (${c.reason})` : ''}
                </span>
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
