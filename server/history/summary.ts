/**
 * One line a person understands for a change: "image web=nginx:1.25 → nginx:1.27; replicas 2 → 5". Known
 * shapes get their own words (images by container name, replicas, labels, annotations, taints, cordon,
 * conditions, pod phase/restarts, ConfigMap/Secret keys); whatever is left is named by its path, with old and
 * new values when they are short scalars. The phrases follow document order; long lines end in "+N more".
 */
import type { ChangeDiffEntry, ChangeType } from '../../lib/history/types';
import type { Condition } from '../../lib/k8s/machinery';
import { deepEqual } from '../../lib/k8s/machinery';
import type { View } from './normalize';

const MAX_PHRASES = 4;
const MAX_SCALAR = 40;

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = <T = Rec>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const get = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => obj(cur)[k], v);

/** where pod specs live in the kinds that carry one, as JSON pointers of the containers' parent */
const POD_SPEC_PATHS: string[][] = [['spec'], ['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];

function scalar(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
    const s = String(v);
    return s.length <= MAX_SCALAR ? s : undefined;
  }
  return undefined;
}

function mapChanges(kind: string, before: unknown, after: unknown, phrases: string[]): void {
  const a = obj(before);
  const b = obj(after);
  for (const k of Object.keys(b)) if (!(k in a)) phrases.push(`${kind} ${k} added`);
  for (const k of Object.keys(a)) if (!(k in b)) phrases.push(`${kind} ${k} removed`);
  for (const k of Object.keys(b)) {
    if (!(k in a) || deepEqual(a[k], b[k])) continue;
    const x = scalar(a[k]);
    const y = scalar(b[k]);
    phrases.push(x !== undefined && y !== undefined ? `${kind} ${k} ${x} → ${y}` : `${kind} ${k} changed`);
  }
}

function keysChanges(before: unknown, after: unknown, phrases: string[]): void {
  const a = obj(before);
  const b = obj(after);
  const added = Object.keys(b).filter((k) => !(k in a));
  const removed = Object.keys(a).filter((k) => !(k in b));
  const changed = Object.keys(b).filter((k) => k in a && !deepEqual(a[k], b[k]));
  if (added.length) phrases.push(`keys added: ${added.join(', ')}`);
  if (removed.length) phrases.push(`keys removed: ${removed.join(', ')}`);
  if (changed.length) phrases.push(`keys changed: ${changed.join(', ')}`);
}

function imageChanges(before: View, after: View, phrases: string[], handled: string[]): void {
  for (const p of POD_SPEC_PATHS) {
    for (const list of ['initContainers', 'containers']) {
      const a = arr(get(before, ...p, list));
      const b = arr(get(after, ...p, list));
      if (!a.length && !b.length) continue;
      const base = '/' + [...p, list].join('/');
      b.forEach((c, i) => {
        const old = a.find((x) => x.name === c.name);
        if (old && old.image !== c.image) {
          phrases.push(`image ${String(c.name)}=${String(old.image)} → ${String(c.image)}`);
          handled.push(`${base}/${i}/image`, `${base}/${a.indexOf(old)}/image`);
        }
      });
    }
  }
}

function taintChanges(before: View, after: View, phrases: string[]): void {
  const id = (t: Rec) => `${String(t.key)}:${String(t.effect ?? '')}`;
  const a = arr(get(before, 'spec', 'taints'));
  const b = arr(get(after, 'spec', 'taints'));
  for (const t of b) if (!a.some((x) => id(x) === id(t))) phrases.push(`taint ${String(t.key)} added`);
  for (const t of a) if (!b.some((x) => id(x) === id(t))) phrases.push(`taint ${String(t.key)} removed`);
  const wasCordoned = get(before, 'spec', 'unschedulable') === true;
  const isCordoned = get(after, 'spec', 'unschedulable') === true;
  if (wasCordoned !== isCordoned) phrases.push(isCordoned ? 'cordoned' : 'uncordoned');
}

function conditionChanges(before: View, after: View, phrases: string[]): void {
  const a = arr<Condition>(get(before, 'status', 'conditions'));
  const b = arr<Condition>(get(after, 'status', 'conditions'));
  for (const c of b) {
    const old = a.find((x) => x.type === c.type);
    if (!old) phrases.push(`${c.type} ${c.status}`);
    else if (old.status !== c.status) phrases.push(`${c.type} ${old.status} → ${c.status}`);
    else if (old.reason !== c.reason && c.reason) phrases.push(`${c.type} ${c.status} (${c.reason})`);
  }
  for (const c of a) if (!b.some((x) => x.type === c.type)) phrases.push(`condition ${c.type} removed`);
}

/** paths the dedicated rules speak for (prefixes of JSON pointers) */
const RULE_PREFIXES = ['/metadata/labels', '/metadata/annotations', '/spec/taints', '/spec/unschedulable', '/status/conditions', '/data', '/binaryData'];

function readablePath(pointer: string): string {
  return pointer.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function covered(path: string, prefixes: string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(p + '/'));
}

export function summarize(type: ChangeType, before: View | null, after: View | null, diff: ChangeDiffEntry[]): string {
  if (type === 'created') return 'created';
  if (type === 'deleted') return 'deleted';
  const a = before ?? {};
  const b = after ?? {};
  const phrases: string[] = [];
  const handled: string[] = [];
  imageChanges(a, b, phrases, handled);
  const replicas = [get(a, 'spec', 'replicas'), get(b, 'spec', 'replicas')];
  if (replicas[0] !== replicas[1]) {
    phrases.push(`replicas ${String(replicas[0] ?? 'unset')} → ${String(replicas[1] ?? 'unset')}`);
    handled.push('/spec/replicas');
  }
  if (get(a, 'status', 'phase') !== get(b, 'status', 'phase')) {
    phrases.push(`phase ${String(get(a, 'status', 'phase') ?? 'unset')} → ${String(get(b, 'status', 'phase') ?? 'unset')}`);
    handled.push('/status/phase');
  }
  if (get(a, 'status', 'restarts') !== get(b, 'status', 'restarts')) {
    phrases.push(`restarts ${String(get(a, 'status', 'restarts') ?? 0)} → ${String(get(b, 'status', 'restarts') ?? 0)}`);
    handled.push('/status/restarts');
  }
  conditionChanges(a, b, phrases);
  mapChanges('label', get(a, 'metadata', 'labels'), get(b, 'metadata', 'labels'), phrases);
  mapChanges('annotation', get(a, 'metadata', 'annotations'), get(b, 'metadata', 'annotations'), phrases);
  taintChanges(a, b, phrases);
  keysChanges({ ...obj(a.data), ...obj(a.binaryData) }, { ...obj(b.data), ...obj(b.binaryData) }, phrases);
  const prefixes = [...RULE_PREFIXES, ...handled];
  const seen = new Set<string>();
  for (const d of diff) {
    if (covered(d.path, prefixes)) continue;
    // a whole labels/annotations/conditions object appearing shows as one "add /metadata"; the rules named it
    if (d.path === '/metadata' || d.path === '/status') continue;
    const where = readablePath(d.path);
    if (seen.has(where)) continue;
    seen.add(where);
    const x = scalar(d.before);
    const y = scalar(d.after);
    if (d.op === 'add') phrases.push(y !== undefined ? `${where} = ${y}` : `${where} added`);
    else if (d.op === 'remove') phrases.push(`${where} removed`);
    else phrases.push(x !== undefined && y !== undefined ? `${where} ${x} → ${y}` : `${where} changed`);
  }
  if (!phrases.length) return type === 'resynced' ? 'changed while not watched' : 'changed';
  const shown = phrases.slice(0, MAX_PHRASES).join('; ');
  return phrases.length > MAX_PHRASES ? `${shown}; +${phrases.length - MAX_PHRASES} more` : shown;
}
