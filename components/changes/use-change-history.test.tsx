// @vitest-environment jsdom
/**
 * The change history in the browser against a real data plane with the recorder on an embedded store: a
 * ConfigMap's changes reach useChangeHistory — the first page over HTTP, later ones live over the ONE socket
 * (one subscribeChanges frame, no refetch per change) — and the subscription ends with the view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { startBrowserHarness, type BrowserHarness } from '../../server/watch/browser-testing';
import { useChangeHistory } from './use-change-history';

let b: BrowserHarness;
const NS = 'history-ui';
const cm = (name = '') => `/api/clusters/${b.cluster}/resources/core/v1/configmaps${name ? `/${name}` : ''}?namespace=${NS}`;

beforeAll(async () => {
  b = await startBrowserHarness({ name: 'changes-ui-test', sandbox: { scenario: 'empty' }, history: true });
  expect((await b.call('POST', `/api/clusters/${b.cluster}/resources/core/v1/namespaces`, { metadata: { name: NS } })).status).toBe(201);
  // the harness process starts a sandbox, an embedded Postgres and the recorder: slow on a loaded machine
}, 180_000);
afterAll(async () => b?.close());

describe('useChangeHistory', () => {
  it('shows the first page, then each new change live over the one socket, and unsubscribes when done', async () => {
    // the recorder's first list of a resource is a silent baseline: make probes until one's creation is recorded
    // (then ConfigMaps are past their baseline) before making the object this test follows
    const recorded = async (name: string) =>
      ((await b.call<{ items?: unknown[] }>('GET', `/api/changes?cluster=${b.cluster}&namespace=${NS}&name=${name}`)).body.items?.length ?? 0) > 0;
    for (let i = 0; ; i++) {
      expect(i).toBeLessThan(30);
      expect((await b.call('POST', cm(), { metadata: { name: `probe-${i}` }, data: {} })).status).toBe(201);
      const seen = await waitFor(async () => expect(await recorded(`probe-${i}`)).toBe(true), { timeout: 3_000, interval: 200 }).then(
        () => true,
        () => false,
      );
      if (seen) break;
    }
    expect((await b.call('POST', cm(), { metadata: { name: 'settings' }, data: { mode: 'slow' } })).status).toBe(201);
    const filter = { cluster: b.cluster, resource: 'configmaps', namespace: NS, name: 'settings' };
    const fetchesBefore = b.fetches.length;
    const { result, unmount } = renderHook(() => useChangeHistory(filter, filter), { wrapper: b.wrapper });
    await waitFor(() => expect(result.current.items.map((r) => r.type)).toContain('created'), { timeout: 15_000 });
    const pageReads = () => b.fetches.slice(fetchesBefore).filter((f) => f.url.startsWith('/api/changes')).length;
    const readsAfterFirstPage = pageReads();

    expect((await b.call('PATCH', cm('settings'), { data: { mode: 'fast' } }, 'application/merge-patch+json')).status).toBe(200);
    await waitFor(() => expect(result.current.items[0]?.type).toBe('updated'), { timeout: 15_000 });
    expect(result.current.items[0]!.summary).toMatch(/mode/);
    expect(result.current.items.map((r) => r.type)).toEqual(['updated', 'created']);
    // live: the update arrived as a socket frame, not by reading the list again
    expect(pageReads()).toBe(readsAfterFirstPage);
    expect(b.emitted.filter((e) => e.event === 'subscribeChanges')).toHaveLength(1);
    expect(b.emitted.find((e) => e.event === 'subscribeChanges')!.payload).toMatchObject({ cluster: b.cluster, namespace: NS, resource: 'configmaps', name: 'settings' });

    unmount();
    expect(b.emitted.filter((e) => e.event === 'unsubscribeChanges')).toHaveLength(1);
  }, 60_000);
});
