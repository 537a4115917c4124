/**
 * Continued LIST pages are a snapshot at the first page's revision (as etcd serves them): objects
 * changed, created or deleted between pages show as they were, and a token past the retained history
 * answers 410 with a fresh token that continues at the current revision. Real HTTPS requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  // a short history makes the compaction case reachable in a few writes
  c = await startTestCluster({ name: 'list-continue', historyLimit: 50 });
  for (const ns of ['snap', 'other']) await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
  for (let i = 0; i < 10; i++) {
    const name = `cm-${i}`;
    await request(c, 'POST', '/api/v1/namespaces/snap/configmaps', { body: { metadata: { name, labels: { odd: String(i % 2 === 1) } }, data: { v: '0' } } });
  }
});
afterAll(async () => {
  await c?.stop();
});

interface Item {
  metadata: { name: string; namespace: string; resourceVersion: string };
  data?: { v?: string };
}

const path = (q: string) => `/api/v1/namespaces/snap/configmaps?${q}`;

describe('continued list', () => {
  it('shows every page as of the first page revision, whatever changed in between', async () => {
    const first = await request(c, 'GET', path('limit=4'));
    expect(first.status).toBe(200);
    const rv = first.json.metadata.resourceVersion as string;
    const before = new Map<string, Item>();
    for (const it of (await request(c, 'GET', path(''))).json.items as Item[]) before.set(it.metadata.name, it);
    // between pages: modify a later object, delete one, create one that sorts in the middle
    await request(c, 'PUT', '/api/v1/namespaces/snap/configmaps/cm-6', { body: { metadata: { name: 'cm-6' }, data: { v: 'changed' } } });
    await request(c, 'PUT', '/api/v1/namespaces/snap/configmaps/cm-6', { body: { metadata: { name: 'cm-6' }, data: { v: 'changed again' } } });
    expect((await request(c, 'DELETE', '/api/v1/namespaces/snap/configmaps/cm-8')).status).toBe(200);
    await request(c, 'POST', '/api/v1/namespaces/snap/configmaps', { body: { metadata: { name: 'cm-55' }, data: { v: 'new' } } });
    // an unrelated namespace's write must not leak into this namespace's pages
    await request(c, 'POST', '/api/v1/namespaces/other/configmaps', { body: { metadata: { name: 'cm-7' } } });

    const second = await request(c, 'GET', path(`limit=4&continue=${first.json.metadata.continue}`));
    expect(second.status).toBe(200);
    expect(second.json.metadata.resourceVersion).toBe(rv);
    expect(second.json.metadata.remainingItemCount).toBe(2);
    const third = await request(c, 'GET', path(`limit=4&continue=${second.json.metadata.continue}`));
    expect(third.json.metadata.continue).toBeUndefined();
    const items = [...first.json.items, ...second.json.items, ...third.json.items] as Item[];
    expect(items.map((i) => i.metadata.name)).toEqual([...before.keys()]);
    // each object exactly as it was at rv (cm-6 unmodified, cm-8 still there, cm-55 absent)
    for (const it of items) expect(it).toEqual(before.get(it.metadata.name));

    // a fresh list sees the present
    const now = ((await request(c, 'GET', path(''))).json.items as Item[]).map((i) => i.metadata.name);
    expect(now).toContain('cm-55');
    expect(now).not.toContain('cm-8');
  });

  it('applies selectors to the past state and counts limit in matches', async () => {
    const first = await request(c, 'GET', path('labelSelector=odd%3Dtrue&limit=2'));
    expect(first.json.items.map((i: Item) => i.metadata.name)).toEqual(['cm-1', 'cm-3']);
    // cm-9 stops matching after the first page: the snapshot still lists it
    await request(c, 'PUT', '/api/v1/namespaces/snap/configmaps/cm-9', { body: { metadata: { name: 'cm-9', labels: { odd: 'no' } } } });
    const names: string[] = [];
    let cont = first.json.metadata.continue as string;
    while (cont) {
      const r = await request(c, 'GET', path(`labelSelector=odd%3Dtrue&limit=2&continue=${cont}`));
      expect(r.json.metadata.remainingItemCount).toBeUndefined();
      names.push(...r.json.items.map((i: Item) => i.metadata.name));
      cont = r.json.metadata.continue ?? '';
    }
    expect(names).toEqual(['cm-5', 'cm-7', 'cm-9']);
  });

  it('answers 410 with a token that continues at the current revision once history is compacted', async () => {
    const first = await request(c, 'GET', path('limit=3'));
    for (let i = 0; i < 60; i++) await request(c, 'PUT', '/api/v1/namespaces/snap/configmaps/cm-0', { body: { metadata: { name: 'cm-0' }, data: { v: String(i) } } });
    const old = await request(c, 'GET', path(`limit=3&continue=${first.json.metadata.continue}`));
    expect(old.status).toBe(410);
    expect(old.json).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
    const fresh = old.json.metadata.continue as string;
    expect(fresh).toBeTruthy();
    const rest = await request(c, 'GET', path(`limit=100&continue=${fresh}`));
    expect(rest.status).toBe(200);
    // continues after the last key of the first page, at the current revision
    const last = first.json.items.at(-1).metadata.name as string;
    const names = rest.json.items.map((i: Item) => i.metadata.name) as string[];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n > last)).toBe(true);
    const head = await request(c, 'GET', path('limit=1'));
    expect(Number(rest.json.metadata.resourceVersion)).toBe(Number(head.json.metadata.resourceVersion));
  });
});
