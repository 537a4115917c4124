/** LIST paging and WATCH semantics over HTTPS: resume, 410, bookmarks, initial events, selectors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWatch, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  // a short history makes expiry reachable; frequent bookmarks keep the test fast
  c = await startTestCluster({ name: 'watch', historyLimit: 200, bookmarkIntervalMs: 100 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'w' } } });
});
afterAll(async () => {
  await c?.stop();
});

const cm = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}) => ({
  metadata: { name, labels },
  data,
});

describe('list', () => {
  it('pages with limit/continue and expires old tokens with 410', async () => {
    for (let i = 0; i < 25; i++) await request(c, 'POST', '/api/v1/namespaces/w/configmaps', { body: cm(`page-${String(i).padStart(2, '0')}`, { page: 'y' }) });
    const names: string[] = [];
    let cont = '';
    let pages = 0;
    let rv = '';
    do {
      const r = await request(c, 'GET', `/api/v1/namespaces/w/configmaps?labelSelector=page%3Dy&limit=10${cont ? `&continue=${cont}` : ''}`);
      expect(r.status).toBe(200);
      if (!rv) rv = r.json.metadata.resourceVersion;
      expect(r.json.metadata.resourceVersion).toBe(rv);
      names.push(...r.json.items.map((i: { metadata: { name: string } }) => i.metadata.name));
      cont = r.json.metadata.continue ?? '';
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(25);
    const first = await request(c, 'GET', '/api/v1/namespaces/w/configmaps?limit=5');
    expect(first.json.metadata.remainingItemCount).toBe(20);
    // churn past the retained history: the token is now too old
    for (let i = 0; i < 220; i++) await request(c, 'PUT', '/api/v1/namespaces/w/configmaps/page-00', { body: cm('page-00', { page: 'y' }, { i: String(i) }) });
    const old = await request(c, 'GET', `/api/v1/namespaces/w/configmaps?limit=5&continue=${first.json.metadata.continue}`);
    expect(old.status).toBe(410);
    expect(old.json.reason).toBe('Expired');
  });

  it('applies the resourceVersionMatch rules', async () => {
    expect((await request(c, 'GET', '/api/v1/configmaps?resourceVersionMatch=NotOlderThan')).status).toBe(400);
    expect((await request(c, 'GET', '/api/v1/configmaps?resourceVersion=0')).status).toBe(200);
    expect((await request(c, 'GET', '/api/v1/configmaps?resourceVersion=0&resourceVersionMatch=NotOlderThan')).status).toBe(200);
  });
});

describe('watch', () => {
  it('resumes from a resourceVersion and answers ERROR 410 when it is too old', async () => {
    const list = await request(c, 'GET', '/api/v1/namespaces/w/configmaps');
    const rv = list.json.metadata.resourceVersion;
    await request(c, 'POST', '/api/v1/namespaces/w/configmaps', { body: cm('after') });
    const w = openWatch(c, `/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${rv}`);
    const ev = await w.waitFor((e) => e.length >= 1);
    expect(ev[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after' } } });
    w.close();
    const old = openWatch(c, '/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=1001');
    const e2 = await old.waitFor((e) => e.length >= 1);
    expect(e2[0].type).toBe('ERROR');
    expect(e2[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('sends initial events ending with the initial-events-end bookmark, then periodic bookmarks', async () => {
    const w = openWatch(c, '/api/v1/namespaces/w/configmaps?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=0');
    const ev = await w.waitFor((e) => e.filter((x) => x.type === 'BOOKMARK').length >= 2);
    const endIdx = ev.findIndex((e) => e.type === 'BOOKMARK');
    expect(ev[endIdx].object.metadata.annotations['k8s.io/initial-events-end']).toBe('true');
    expect(ev.slice(0, endIdx).every((e) => e.type === 'ADDED')).toBe(true);
    expect(endIdx).toBeGreaterThan(20);
    w.close();
  });

  it('turns selector transitions into ADDED/DELETED and honours timeoutSeconds', async () => {
    const w = openWatch(c, '/api/v1/namespaces/w/configmaps?watch=true&labelSelector=sel%3Don&timeoutSeconds=2');
    await w.ready;
    await request(c, 'POST', '/api/v1/namespaces/w/configmaps', { body: cm('t1', { sel: 'off' }) });
    await request(c, 'PUT', '/api/v1/namespaces/w/configmaps/t1', { body: cm('t1', { sel: 'on' }) });
    await request(c, 'PUT', '/api/v1/namespaces/w/configmaps/t1', { body: cm('t1', { sel: 'on' }, { a: 'b' }) });
    await request(c, 'PUT', '/api/v1/namespaces/w/configmaps/t1', { body: cm('t1', { sel: 'off' }) });
    const ev = await w.waitFor((e) => e.length >= 3);
    expect(ev.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    await w.waitFor(() => w.ended, 5000);
  });

  it('streams Table rows, with column definitions on the first event only', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const w = openWatch(c, '/api/v1/namespaces/w/configmaps?watch=true&fieldSelector=metadata.name%3Dtbl', accept);
    await w.ready;
    await request(c, 'POST', '/api/v1/namespaces/w/configmaps', { body: cm('tbl', {}, { a: 'b' }) });
    await request(c, 'PUT', '/api/v1/namespaces/w/configmaps/tbl', { body: cm('tbl', {}, { a: 'c', d: 'e' }) });
    const ev = await w.waitFor((e) => e.length >= 2);
    expect(ev[0].object.kind).toBe('Table');
    expect(ev[0].object.columnDefinitions.length).toBeGreaterThan(0);
    expect(ev[1].object.columnDefinitions).toEqual([]);
    expect(ev[1].object.rows[0].cells).toEqual(['tbl', 2, expect.any(String)]);
    w.close();
  });

  it('never loses, duplicates or reorders an event across resumes', async () => {
    const N = 150;
    const seen: { name: string; rv: string; type: string }[] = [];
    let rv = (await request(c, 'GET', '/api/v1/namespaces/w/configmaps?limit=1')).json.metadata.resourceVersion;
    const startRv = rv;
    const writer = (async () => {
      for (let i = 0; i < N; i++) {
        await request(c, 'POST', '/api/v1/namespaces/w/configmaps', { body: cm(`s-${i}`, { stress: 'y' }) });
        if (i % 3 === 0) await request(c, 'DELETE', `/api/v1/namespaces/w/configmaps/s-${i}`);
      }
    })();
    // many short watches, each resumed from the last resourceVersion it delivered (bookmarks included)
    const deadline = Date.now() + 20_000;
    while (seen.filter((s) => s.type !== 'BOOKMARK').length < N + N / 3 && Date.now() < deadline) {
      const w = openWatch(c, `/api/v1/namespaces/w/configmaps?watch=true&labelSelector=stress%3Dy&allowWatchBookmarks=true&resourceVersion=${rv}&timeoutSeconds=1`);
      await w.waitFor(() => w.ended, 5000);
      for (const e of w.events) {
        seen.push({ name: e.object.metadata.name, rv: e.object.metadata.resourceVersion, type: e.type });
        rv = e.object.metadata.resourceVersion;
      }
    }
    await writer;
    const real = seen.filter((s) => s.type !== 'BOOKMARK');
    expect(real.length).toBe(N + N / 3);
    const rvs = seen.map((s) => Number(s.rv));
    for (let i = 1; i < rvs.length; i++) expect(rvs[i]).toBeGreaterThanOrEqual(rvs[i - 1]);
    expect(new Set(real.map((s) => s.rv)).size).toBe(real.length);
    expect(Number(real[0].rv)).toBeGreaterThan(Number(startRv));
    for (let i = 0; i < N; i++) {
      const mine = real.filter((s) => s.name === `s-${i}`).map((s) => s.type);
      expect(mine).toEqual(i % 3 === 0 ? ['ADDED', 'DELETED'] : ['ADDED']);
    }
  }, 30_000);
});
