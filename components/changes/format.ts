/**
 * How a change record reads on screen, and the client-side filter applied to records that arrive live (the
 * subscription filters by cluster, namespace and object only; the text filters are applied here, with the
 * same meaning the list query gives them: kind any case, actor by exact name, text a case-insensitive
 * substring of name, summary or actor).
 */
import type { ChangeActor, ChangeRecord } from '@/lib/history/types';
import type { ChangeFilter } from '@/lib/k8s/client';

export function actorLabel(a: ChangeActor): string {
  if (a.via === 'console') return `${a.name} (console)`;
  if (a.via === 'controller') return `${a.name} (controller)`;
  if (a.via === 'manager') return `${a.name} (field manager)`;
  return a.name || 'unknown';
}

export function timeLabel(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function objectLabel(r: Pick<ChangeRecord, 'kind' | 'namespace' | 'name'>): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

const has = (hay: string, needle: string | undefined) => !needle || hay.toLowerCase().includes(needle.toLowerCase());

export function matchesFilter(r: ChangeRecord, f: ChangeFilter): boolean {
  if (f.cluster && r.cluster !== f.cluster) return false;
  if (f.namespace && r.namespace !== f.namespace) return false;
  if (f.group !== undefined && r.group !== f.group) return false;
  if (f.resource && r.resource !== f.resource) return false;
  if (f.name && r.name !== f.name) return false;
  if (f.uid && r.uid !== f.uid) return false;
  if (f.kind && r.kind.toLowerCase() !== f.kind.toLowerCase()) return false;
  if (f.since && Date.parse(r.time) < Date.parse(f.since)) return false;
  if (f.until && Date.parse(r.time) > Date.parse(f.until)) return false;
  if (f.actor && r.actor.name !== f.actor) return false;
  return has(`${r.name} ${r.summary} ${r.actor.name}`, f.q);
}

/** newest first, one entry per id (a live record may also arrive in a page read after it) */
export function mergeNewest(live: readonly ChangeRecord[], pages: readonly ChangeRecord[]): ChangeRecord[] {
  const seen = new Set<string>();
  const out: ChangeRecord[] = [];
  for (const r of [...live, ...pages]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}
