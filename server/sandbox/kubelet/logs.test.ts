import { describe, expect, it } from 'vitest';
import type { Kubelets } from './kubelet';
import { createLogProvider, MAX_LINES } from './logs';
import type { ContainerInstance } from './pod-status';

function fakeKubelets(current: ContainerInstance, previous?: ContainerInstance, rate = '100') {
  const c = { name: 'app', current, previous, init: false };
  const run = { app: [c], init: [], pod: { metadata: { annotations: { 'sandbox.wheelhouse.dev/log-rate': rate } } } };
  const k = { runFor: (_ns: string, pod: string) => (pod === 'p' ? run : undefined) } as unknown as Kubelets;
  return { k, c };
}

describe('log provider', () => {
  it('derives lines lazily from elapsed time; tail, since, limitBytes; previous instance with its crash', () => {
    const now = Date.now();
    const prev: ContainerInstance = { id: 'a'.repeat(64), image: 'ghcr.io/x/api:crash', startedMs: now - 20_000, endedMs: now - 10_000, exitCode: 1, reason: 'Error' };
    const cur: ContainerInstance = { id: 'b'.repeat(64), image: 'ghcr.io/x/api:crash', startedMs: now - 10_000 };
    const { k } = fakeKubelets(cur, prev);
    const p = createLogProvider(k);
    const all = p.read('ns', 'p', { container: 'app' })!;
    expect(all.length).toBeGreaterThanOrEqual(990);
    expect(all.length).toBeLessThanOrEqual(1010);
    // timestamps are ordered RFC3339Nano
    for (let i = 1; i < all.length; i++) expect(all[i]!.ts >= all[i - 1]!.ts).toBe(true);
    expect(all[0]!.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    // a finished instance doesn't grow between two reads: tail is exactly the end of the full read
    const done = createLogProvider(fakeKubelets({ ...prev }).k);
    const full = done.read('ns', 'p', { container: 'app' })!;
    expect(done.read('ns', 'p', { container: 'app', tailLines: 10 })).toEqual(full.slice(-10));
    const since = p.read('ns', 'p', { container: 'app', sinceSeconds: 2 })!;
    expect(since.length).toBeGreaterThan(150);
    expect(since.length).toBeLessThan(260);
    // the provider hands over whole lines up to and including the one crossing the limit (the API server cuts it)
    const limited = p.read('ns', 'p', { container: 'app', limitBytes: 500 })!.map((l) => l.text.length + 1);
    expect(limited.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(500);
    expect(limited.slice(0, -1).reduce((s, n) => s + n, 0)).toBeLessThan(500);
    const previous = p.read('ns', 'p', { container: 'app', previous: true })!;
    expect(previous.at(-1)!.text).toContain('main.go');
    expect(previous.map((l) => l.text).join('\n')).toContain('panic:');
    expect(p.read('ns', 'nope', { container: 'app' })).toBeUndefined();
    expect(p.read('ns', 'p', { container: 'other' })).toBeUndefined();
  });

  it('keeps only the last MAX_LINES lines (rotation bound)', () => {
    const cur: ContainerInstance = { id: 'c'.repeat(64), image: 'nginx', startedMs: Date.now() - 60_000 };
    const p = createLogProvider(fakeKubelets(cur, undefined, '2000').k);
    expect(p.read('ns', 'p', { container: 'app', tailLines: 5 })).toHaveLength(5);
    expect(p.read('ns', 'p', { container: 'app' })).toHaveLength(MAX_LINES);
  });

  it('follow delivers new lines and ends when the container stops', async () => {
    const cur: ContainerInstance = { id: 'd'.repeat(64), image: 'nginx', startedMs: Date.now() - 1000 };
    const p = createLogProvider(fakeKubelets(cur, undefined, '200').k);
    const got: string[] = [];
    let enough!: () => void;
    const fifty = new Promise<void>((r) => (enough = r));
    const ended = new Promise<void>((resolve) =>
      p.follow('ns', 'p', { container: 'app' }, (l) => {
        if (got.push(l.text) > 50) enough();
      }, resolve),
    );
    await fifty;
    cur.endedMs = Date.now();
    cur.exitCode = 0;
    await ended;
    expect(got.length).toBeGreaterThan(50);
  });
});
