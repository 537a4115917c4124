import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { ObjectStore, type Watcher } from './store';

const cm = (name: string, ns = 'a', labels: Record<string, string> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, labels },
});

function recorder(extra: Partial<Watcher> = {}) {
  const seen: string[] = [];
  const w: Watcher = { lastRv: 0, onEvent: (t, o) => seen.push(`${t}:${o.metadata.name}:${o.metadata.resourceVersion}`), ...extra };
  return { w, seen };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ObjectStore', () => {
  it('assigns increasing revisions, freezes stored objects and keeps keys sorted', () => {
    const s = new ObjectStore(100, 10);
    s.put('/cm', 'b/x', cm('x', 'b'));
    s.put('/cm', 'a/y', cm('y'));
    const o = s.put('/cm', 'a/x', cm('x'));
    expect(o.metadata.resourceVersion).toBe('13');
    expect(Object.isFrozen(o.metadata)).toBe(true);
    expect([...s.scan('/cm')].map(([k]) => k)).toEqual(['a/x', 'a/y', 'b/x']);
    expect([...s.scan('/cm', 'a', 'a/x')].map(([k]) => k)).toEqual(['a/y']);
    expect(s.range('/cm', 'b')).toMatchObject({ from: 2, to: 3 });
  });

  it('dispatches asynchronously in order and resumes from history without duplicates', async () => {
    const s = new ObjectStore(100, 0);
    const live = recorder();
    s.watch('/cm', live.w);
    s.put('/cm', 'a/x', cm('x'));
    s.put('/cm', 'a/x', cm('x', 'a', { v: '2' }));
    s.remove('/cm', 'a/x');
    expect(live.seen).toEqual([]);
    await tick();
    expect(live.seen).toEqual(['ADDED:x:1', 'MODIFIED:x:2', 'DELETED:x:3']);
    const resumed = recorder();
    expect(s.watch('/cm', resumed.w, 1)).toBe(true);
    await tick();
    expect(resumed.seen).toEqual(['MODIFIED:x:2', 'DELETED:x:3']);
  });

  it('refuses to resume from a compacted revision', () => {
    const s = new ObjectStore(5, 0);
    for (let i = 0; i < 20; i++) s.put('/cm', 'a/x', cm('x', 'a', { i: String(i) }));
    expect(s.watch('/cm', recorder().w, 3)).toBe(false);
    expect(s.watch('/cm', recorder().w, 15)).toBe(true);
  });

  it('turns selector transitions into ADDED and DELETED', async () => {
    const s = new ObjectStore(100, 0);
    const sel = recorder({ filter: (o) => o.metadata.labels?.on === 'y' });
    s.watch('/cm', sel.w);
    s.put('/cm', 'a/x', cm('x', 'a', { on: 'n' }));
    s.put('/cm', 'a/x', cm('x', 'a', { on: 'y' }));
    s.put('/cm', 'a/x', cm('x', 'a', { on: 'n' }));
    await tick();
    expect(sel.seen).toEqual(['ADDED:x:2', 'DELETED:x:3']);
  });
});
