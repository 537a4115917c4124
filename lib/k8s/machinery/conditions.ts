/**
 * Status conditions (metav1.Condition and the older per-kind shapes: PodCondition, DeploymentCondition, ...),
 * following apimachinery's meta.SetStatusCondition: lastTransitionTime moves only when status changes, so
 * "since when is this False" survives every resync that rewrites reason or message.
 */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

type Conds<C> = readonly C[] | undefined | null;

export function findCondition<C extends Condition>(conds: Conds<C>, type: string): C | undefined {
  return (conds ?? []).find((c) => c.type === type);
}

/** true when the condition is present with status "True". */
export function isConditionTrue(conds: Conds<Condition>, type: string): boolean {
  return findCondition(conds, type)?.status === 'True';
}

/**
 * `next` with its lastTransitionTime carried over from the same-type condition in `previous` while the status
 * stays the same, otherwise next's own lastTransitionTime or `now`.
 */
export function withTransitionTime<C extends Condition>(previous: Conds<Condition>, next: C, now: string): C {
  const old = findCondition(previous, next.type);
  const lastTransitionTime = old && old.status === next.status && old.lastTransitionTime ? old.lastTransitionTime : (next.lastTransitionTime ?? now);
  return { ...next, lastTransitionTime };
}

/**
 * Inserts or replaces the condition of next.type in place (a new type is appended, an existing one keeps its
 * position). Returns whether anything but timestamps changed.
 */
export function upsertCondition<C extends Condition>(conds: C[], next: C, now: string): boolean {
  const i = conds.findIndex((c) => c.type === next.type);
  const c = withTransitionTime(conds, next, now);
  if (i < 0) {
    conds.push(c);
    return true;
  }
  const old = conds[i];
  conds[i] = c;
  return old.status !== c.status || old.reason !== c.reason || old.message !== c.message;
}

/** Removes the condition of a type in place; returns whether one was there. */
export function removeCondition(conds: Condition[], type: string): boolean {
  const i = conds.findIndex((c) => c.type === type);
  if (i >= 0) conds.splice(i, 1);
  return i >= 0;
}
