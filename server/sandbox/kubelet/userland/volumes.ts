/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs and sources are untyped JSON (KObject) */
/**
 * Projected-style volumes (configMap, secret, downwardAPI, projected incl. the service-account token) written
 * like the kubelet's AtomicWriter: the files live in a timestamped `..<ts>` directory, `..data` points at it and
 * each top-level entry is a symlink through `..data`; a change writes a new directory, swaps `..data` in one
 * step and removes the old one, so a reader never sees a half-written set.
 */
import type { SandboxClient } from '../../types';
import { dir, file, link, type DirNode } from './vfs';
import { fieldRef, resourceRef } from './downward';

const R = {
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
};

export interface ProjectionDeps {
  client: SandboxClient;
  /** a bound token for the pod's service account (undefined when no issuer is wired) */
  token(pod: any, expirationSeconds: number, audience?: string): string | undefined;
  now(): number;
}

type Files = Map<string, { data: Buffer; mode: number }>;

function keyed(files: Files, entries: [string, Buffer][], items: any[] | undefined, mode: number): void {
  if (!items?.length) {
    for (const [k, v] of entries) files.set(k, { data: v, mode });
    return;
  }
  const m = new Map(entries);
  for (const it of items) {
    const v = m.get(it.key);
    if (v !== undefined) files.set(it.path, { data: v, mode: it.mode ?? mode });
  }
}

function configMapEntries(client: SandboxClient, ns: string, name: string): [string, Buffer][] | undefined {
  const cm = client.get(R.configmaps, ns, name) as any;
  if (!cm) return undefined;
  return [
    ...Object.entries((cm.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)] as [string, Buffer]),
    ...Object.entries((cm.binaryData ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')] as [string, Buffer]),
  ];
}

function secretEntries(client: SandboxClient, ns: string, name: string): [string, Buffer][] | undefined {
  const s = client.get(R.secrets, ns, name) as any;
  if (!s) return undefined;
  const data = Object.entries((s.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')] as [string, Buffer]);
  for (const [k, v] of Object.entries((s.stringData ?? {}) as Record<string, string>)) data.push([k, Buffer.from(v)]);
  return data;
}

function downward(files: Files, pod: any, container: string | undefined, items: any[], mode: number): void {
  for (const it of items ?? []) {
    const v = it.fieldRef ? fieldRef(pod, it.fieldRef.fieldPath) : it.resourceFieldRef ? resourceRef(pod, container, it.resourceFieldRef) : undefined;
    if (v !== undefined) files.set(it.path, { data: Buffer.from(v), mode: it.mode ?? mode });
  }
}

/** The files a volume shows now, or undefined for volume types that are not projections. */
export function projectionFiles(deps: ProjectionDeps, pod: any, vol: any, container?: string): Files | undefined {
  const ns = pod.metadata.namespace as string;
  const files: Files = new Map();
  if (vol.configMap) {
    const mode = vol.configMap.defaultMode ?? 0o644;
    keyed(files, configMapEntries(deps.client, ns, vol.configMap.name) ?? [], vol.configMap.items, mode);
  } else if (vol.secret) {
    const mode = vol.secret.defaultMode ?? 0o644;
    keyed(files, secretEntries(deps.client, ns, vol.secret.secretName) ?? [], vol.secret.items, mode);
  } else if (vol.downwardAPI) {
    downward(files, pod, container, vol.downwardAPI.items, vol.downwardAPI.defaultMode ?? 0o644);
  } else if (vol.projected) {
    const mode = vol.projected.defaultMode ?? 0o644;
    for (const s of vol.projected.sources ?? []) {
      if (s.configMap) keyed(files, configMapEntries(deps.client, ns, s.configMap.name) ?? [], s.configMap.items, mode);
      else if (s.secret) keyed(files, secretEntries(deps.client, ns, s.secret.name) ?? [], s.secret.items, mode);
      else if (s.downwardAPI) downward(files, pod, container, s.downwardAPI.items, mode);
      else if (s.serviceAccountToken) {
        const t = deps.token(pod, s.serviceAccountToken.expirationSeconds ?? 3607, s.serviceAccountToken.audience);
        if (t) files.set(s.serviceAccountToken.path, { data: Buffer.from(t), mode: 0o600 & mode ? mode : 0o644 });
      }
    }
  } else return undefined;
  return files;
}

function sameFiles(d: DirNode, files: Files): boolean {
  const data = d.children.get('..data');
  if (data?.type !== 'link') return false;
  const current = d.children.get(data.target);
  if (current?.type !== 'dir') return false;
  const seen = new Set<string>();
  const walk = (n: DirNode, prefix: string): boolean => {
    for (const [k, c] of n.children) {
      const p = prefix ? `${prefix}/${k}` : k;
      if (c.type === 'dir') {
        if (!walk(c, p)) return false;
      } else if (c.type === 'file') {
        const f = files.get(p);
        if (!f || !f.data.equals(c.data)) return false;
        seen.add(p);
      }
    }
    return true;
  };
  return walk(current, '') && seen.size === files.size;
}

function stamp(ms: number, seq: number): string {
  const d = new Date(ms).toISOString();
  return `..${d.slice(0, 10).replace(/-/g, '_')}_${d.slice(11, 19).replace(/:/g, '_')}.${String(seq).padStart(9, '0')}`;
}

let seq = 0;

/** Writes files into a volume directory; returns false when nothing changed. */
export function writeAtomic(d: DirNode, files: Files, now: number): boolean {
  if (sameFiles(d, files)) return false;
  const name = stamp(now, ++seq);
  const payload = dir(0o755);
  for (const [path, f] of files) {
    const parts = path.split('/').filter(Boolean);
    let cur = payload;
    for (const part of parts.slice(0, -1)) {
      let next = cur.children.get(part);
      if (next?.type !== 'dir') {
        next = dir(0o755);
        cur.children.set(part, next);
      }
      cur = next;
    }
    cur.children.set(parts[parts.length - 1], file(f.data, f.mode));
  }
  const old = d.children.get('..data');
  d.children.set(name, payload);
  d.children.set('..data', link(name));
  const top = new Set([...files.keys()].map((p) => p.split('/')[0]));
  for (const [k, c] of [...d.children]) if (!k.startsWith('..') && c.type === 'link' && !top.has(k)) d.children.delete(k);
  for (const t of top) d.children.set(t, link(`..data/${t}`));
  if (old?.type === 'link' && old.target !== name) d.children.delete(old.target);
  return true;
}
