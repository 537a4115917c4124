/** core/v1 Event values: the newest of the several timestamps an event may carry. */
import type { K8sObject } from '../types';

export function eventLastSeen(obj: K8sObject): string | null {
  const e = obj as Record<string, unknown> & K8sObject;
  const series = e.series as { lastObservedTime?: string } | undefined;
  return (
    (e.lastTimestamp as string | undefined) ??
    series?.lastObservedTime ??
    (e.eventTime as string | undefined) ??
    (e.firstTimestamp as string | undefined) ??
    obj.metadata.creationTimestamp ??
    null
  );
}

export function eventObject(obj: K8sObject): string {
  const io = obj.involvedObject as { kind?: string; name?: string } | undefined;
  return io ? `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}` : '';
}

export function eventCount(obj: K8sObject): number {
  const series = obj.series as { count?: number } | undefined;
  return (obj.count as number | undefined) ?? series?.count ?? 1;
}
