// @vitest-environment jsdom
/**
 * The log stream's flow control from the browser side, against a real data plane and a sandbox with simulated
 * kubelets: batches are acknowledged only after the frame that shows them (a tab that does not paint stops
 * acking, so the BFF stops reading upstream), and the ack names the last batch shown. Frames are driven by
 * hand (requestAnimationFrame queued) so "no frame yet" is a state the test can hold.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { startBrowserHarness, type BrowserHarness } from '../../server/watch/browser-testing';
import type { K8sObject } from '@/lib/k8s/types';
import { useLogStream } from './use-log-stream';

let b: BrowserHarness;
const NS = 'logs';
const frames: FrameRequestCallback[] = [];
const realRaf = globalThis.requestAnimationFrame;
const realCancel = globalThis.cancelAnimationFrame;

beforeAll(async () => {
  b = await startBrowserHarness({ name: 'log-ack-test', sandbox: { noRuntime: false, scenario: 'empty', speed: 20 } });
  expect((await b.call('POST', `/api/clusters/${b.cluster}/resources/core/v1/namespaces`, { metadata: { name: NS } })).status).toBe(201);
  const pod = { metadata: { name: 'chatty', annotations: { 'sandbox.wheelhouse.dev/log-rate': '40' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
  expect((await b.call('POST', `/api/clusters/${b.cluster}/resources/core/v1/pods?namespace=${NS}`, pod)).status).toBe(201);
  await waitFor(async () => {
    const p = (await b.call<K8sObject>('GET', `/api/clusters/${b.cluster}/resources/core/v1/pods/chatty?namespace=${NS}`)).body;
    expect(p.status?.phase).toBe('Running');
  }, { timeout: 30_000, interval: 100 });
}, 240_000);
afterAll(async () => b?.close());
afterEach(() => {
  globalThis.requestAnimationFrame = realRaf;
  globalThis.cancelAnimationFrame = realCancel;
});

describe('useLogStream', () => {
  it('acks a batch only after the frame that shows it, naming the last batch seen', async () => {
    frames.length = 0;
    globalThis.requestAnimationFrame = (cb) => frames.push(cb);
    globalThis.cancelAnimationFrame = () => {};
    const batches: { seq: number }[] = [];
    b.client.socket.on('logs:batch', (batch) => void batches.push(batch));
    const acks = () => b.emitted.filter((e) => e.event === 'logs:ack').map((e) => e.payload as { streamId: string; seq: number });

    const req = { cluster: b.cluster, namespace: NS, group: '', version: 'v1', resource: 'pods' as const, name: 'chatty', container: '', follow: true };
    const { result, unmount } = renderHook(() => useLogStream(req, 1_000), { wrapper: b.wrapper });
    await waitFor(() => expect(result.current.status.state).toBe('live'));
    await waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(2), { timeout: 15_000 });

    // batches arrived, but no frame has run: nothing shown, nothing acknowledged
    expect(frames.length).toBe(1);
    expect(result.current.version).toBe(0);
    expect(acks()).toEqual([]);

    const lastSeq = batches.at(-1)!.seq;
    act(() => frames.splice(0).forEach((f) => f(0)));
    expect(result.current.version).toBe(1);
    expect(result.current.buffer.length).toBeGreaterThan(0);
    expect(acks()).toHaveLength(1);
    expect(acks()[0]!.seq).toBeGreaterThanOrEqual(lastSeq);

    // the stream goes on: the next batch asks for the next frame, and only that frame acks it
    const seen = batches.length;
    await waitFor(() => expect(batches.length).toBeGreaterThan(seen), { timeout: 15_000 });
    expect(acks()).toHaveLength(1);
    act(() => frames.splice(0).forEach((f) => f(0)));
    expect(acks()).toHaveLength(2);
    expect(acks()[1]!.seq).toBe(batches.at(-1)!.seq);
    unmount();
  });
});
