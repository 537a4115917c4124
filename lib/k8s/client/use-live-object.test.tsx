// @vitest-environment jsdom
/**
 * useLiveObject against a real data plane and sandbox: one change of the object is ONE cache update (the watch's
 * version written into the object query, no invalidate and no refetch), and the detail page's deletion handling
 * (deleted once the object leaves its watch, the last state kept; a re-created object clears it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { startBrowserHarness, type BrowserHarness } from '../../../server/watch/browser-testing';
import { objectKey, resourceUrl, useLiveObject, type ObjectRef } from './index';

let b: BrowserHarness;
const NS = 'live';

beforeAll(async () => {
  b = await startBrowserHarness({ name: 'live-test', sandbox: { scenario: 'empty' } });
  expect((await b.call('POST', `/api/clusters/${b.cluster}/resources/core/v1/namespaces`, { metadata: { name: NS } })).status).toBe(201);
}, 240_000);
afterAll(async () => b?.close());

const cmUrl = (name = '') => `/api/clusters/${b.cluster}/resources/core/v1/configmaps${name ? `/${name}` : ''}?namespace=${NS}`;

describe('useLiveObject', () => {
  it('writes each watched change into the object query once: no invalidate, no refetch', async () => {
    expect((await b.call('POST', cmUrl(), { metadata: { name: 'one' }, data: { a: '1' } })).status).toBe(201);
    const ref: ObjectRef = { cluster: b.cluster, group: '', version: 'v1', resource: 'configmaps', namespace: NS, name: 'one' };
    const { result, unmount } = renderHook(() => useLiveObject(ref), { wrapper: b.wrapper });
    await waitFor(() => expect(result.current.watch.state).toBe('live'));
    await waitFor(() => expect(result.current.object?.data).toEqual({ a: '1' }));

    const key = JSON.stringify(objectKey(ref));
    const events: string[] = [];
    const stop = b.qc.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && JSON.stringify(e.query.queryKey) === key) events.push(e.action.type);
    });
    const gets = () => b.fetches.filter((f) => f.method === 'GET' && f.url === resourceUrl(ref)).length;
    const getsBefore = gets();

    const patched = await b.call<{ metadata: { resourceVersion: string } }>('PATCH', cmUrl('one'), { data: { a: '2' } }, 'application/merge-patch+json');
    expect(patched.status).toBe(200);
    await waitFor(() => expect(result.current.object?.metadata.resourceVersion).toBe(patched.body.metadata.resourceVersion));
    expect(result.current.object?.data).toEqual({ a: '2' });
    // exactly one update of the object's query, and it was not a fetch
    expect(events).toEqual(['success']);
    expect(gets()).toBe(getsBefore);
    stop();
    unmount();
  });

  it('shares one subscription between every caller of the same ref', async () => {
    expect((await b.call('POST', cmUrl(), { metadata: { name: 'shared' }, data: { a: '1' } })).status).toBe(201);
    const ref: ObjectRef = { cluster: b.cluster, group: '', version: 'v1', resource: 'configmaps', namespace: NS, name: 'shared' };
    const before = b.emitted.filter((e) => e.event === 'subscribe').length;
    const { result, unmount } = renderHook(() => [useLiveObject(ref), useLiveObject(ref), useLiveObject(ref)], { wrapper: b.wrapper });
    await waitFor(() => expect(result.current.every((r) => r.watch.state === 'live' && r.object)).toBe(true));
    const subs = b.emitted.slice(before).filter((e) => e.event === 'subscribe');
    expect(subs.map((s) => (s.payload as { fieldSelector?: string }).fieldSelector)).toEqual(['metadata.name=shared']);
    unmount();
  });

  it('marks the object deleted when it leaves its watch, keeps the last state, and clears on re-creation', async () => {
    expect((await b.call('POST', cmUrl(), { metadata: { name: 'doomed' }, data: { keep: 'me' } })).status).toBe(201);
    const ref: ObjectRef = { cluster: b.cluster, group: '', version: 'v1', resource: 'configmaps', namespace: NS, name: 'doomed' };
    const { result, unmount } = renderHook(() => useLiveObject(ref), { wrapper: b.wrapper });
    await waitFor(() => expect(result.current.watch.state === 'live' && result.current.object?.data).toEqual({ keep: 'me' }));
    expect(result.current.deleted).toBe(false);

    expect((await b.call('DELETE', cmUrl('doomed'))).status).toBe(200);
    await waitFor(() => expect(result.current.deleted).toBe(true));
    // the page still shows what was deleted
    expect(result.current.object?.data).toEqual({ keep: 'me' });

    expect((await b.call('POST', cmUrl(), { metadata: { name: 'doomed' }, data: { keep: 'again' } })).status).toBe(201);
    await waitFor(() => expect(result.current.object?.data).toEqual({ keep: 'again' }));
    expect(result.current.deleted).toBe(false);
    unmount();
  });

  it('calls an object deleted when a GET answers 404 after the page had it, even before the watch had it', async () => {
    const ref: ObjectRef = { cluster: b.cluster, group: '', version: 'v1', resource: 'configmaps', namespace: NS, name: 'never' };
    const { result, unmount } = renderHook(() => useLiveObject(ref), { wrapper: b.wrapper });
    await waitFor(() => expect(result.current.query.isError).toBe(true));
    // never had it: an error to show, not a deletion
    expect(result.current.deleted).toBe(false);
    expect((result.current.query.error as { status?: number }).status).toBe(404);
    unmount();
  });
});
