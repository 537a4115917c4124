/**
 * Turns a cluster summary into "needs attention" rows with links (pure, tested). Problems link to the
 * object through the GVR the summary names; a warning event links to its involved object when the kind
 * is a known built-in one (the event does not carry the API group).
 */
import type { ClusterSummary } from '@/lib/api-types';
import type { Tone } from '@/components/ui/status';
import { objectHref } from '@/components/shell/routes';

export interface AttentionItem {
  key: string;
  tone: Tone;
  kind: string;
  namespace?: string;
  name: string;
  reason: string;
  message: string;
  href?: string;
  /** ISO time, for warning events */
  at?: string;
  count?: number;
}

export interface KindRef {
  group: string;
  version: string;
  plural: string;
}

const errorReasons = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'JobFailed', 'NodeNotReady', 'Failed']);

export function attentionItems(
  cluster: string,
  s: ClusterSummary,
  kindByName: (kind: string) => KindRef | undefined,
  maxEvents = 10,
): AttentionItem[] {
  const items: AttentionItem[] = s.problems.map((p) => ({
    key: `p/${p.group}/${p.resource}/${p.namespace ?? ''}/${p.name}/${p.reason}`,
    tone: errorReasons.has(p.reason) ? 'error' : 'warn',
    kind: p.kind,
    namespace: p.namespace,
    name: p.name,
    reason: p.reason,
    message: p.message,
    href: objectHref(cluster, p.group, p.version, p.resource, p.namespace, p.name),
  }));
  items.sort((a, b) => (a.tone === b.tone ? 0 : a.tone === 'error' ? -1 : 1));

  s.warningEvents.slice(0, maxEvents).forEach((e, i) => {
    const obj = e.involvedObject;
    const ref = obj.kind ? kindByName(obj.kind) : undefined;
    const ns = obj.namespace ?? e.namespace;
    items.push({
      key: `e/${i}/${obj.kind ?? ''}/${ns ?? ''}/${obj.name ?? ''}/${e.reason ?? ''}`,
      tone: 'warn',
      kind: obj.kind ?? 'Object',
      namespace: ns,
      name: obj.name ?? '',
      reason: e.reason ?? 'Warning',
      message: e.message ?? '',
      href: ref && obj.name ? objectHref(cluster, ref.group, ref.version, ref.plural, ns, obj.name) : undefined,
      at: e.lastTimestamp,
      count: e.count,
    });
  });
  return items;
}
