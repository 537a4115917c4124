/**
 * The informer against a sandbox cluster over real HTTPS: paged list, watch with bookmarks, cache
 * stripping, forced 410 on resume → relist emitted as a diff, and visible state on failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { eventually, quietLogger } from '../watch/testing';
import { K8sClient } from './client';
import { Informer, type InformerEvent, type InformerState } from './informer';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
let sb: SandboxCluster;
let client: K8sClient;

beforeAll(async () => {
  sb = await startSandboxCluster({ name: 'inf', noRuntime: true, historyLimit: 50, bookmarkIntervalMs: 100 });
  const kc = new KubeConfig();
  kc.loadFromString(sb.kubeconfig);
  client = new K8sClient('inf', kc);
});
afterAll(async () => {
  client?.close();
  await sb?.stop();
});

function informer(namespace: string, extra: Partial<ConstructorParameters<typeof Informer>[0]> = {}) {
  return new Informer({ client: () => client, cluster: 'inf', ...CM, namespace, logger: quietLogger, backoff: { initialMs: 50, maxMs: 200 }, ...extra });
}

function ns(name: string) {
  sb.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

describe('Informer', () => {
  it('lists in pages, strips managedFields and last-applied, then follows the watch', async () => {
    ns('paged');
    for (let i = 0; i < 7; i++) {
      sb.client.create(CM, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `c${i}`, namespace: 'paged', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' } },
        data: { i: String(i) },
      });
    }
    const inf = informer('paged', { pageSize: 3 });
    const events: InformerEvent[] = [];
    inf.onEvents((e) => events.push(...e));
    inf.start();
    await inf.whenSynced();
    expect(inf.size).toBe(7);
    const one = inf.items()[0];
    expect(one.kind).toBe('ConfigMap');
    expect(one.apiVersion).toBe('v1');
    expect(one.metadata.managedFields).toBeUndefined();
    expect(one.metadata.annotations).toEqual({ keep: 'me' });
    sb.client.delete(CM, 'paged', 'c0');
    sb.client.patch(CM, 'paged', 'c1', 'merge', { data: { i: 'x' } });
    await eventually(() => events.length === 2, 5_000, 'two events');
    expect(events.map((e) => e.type)).toEqual(['DELETED', 'MODIFIED']);
    expect(inf.state).toBe('live');
    inf.stop();
  });

  it('advances its resourceVersion on bookmarks and records resumable positions', async () => {
    ns('bm');
    const inf = informer('bm');
    inf.start();
    await inf.whenSynced();
    const listed = inf.resourceVersion;
    // writes elsewhere move the global revision; bookmarks carry it to this informer
    sb.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } });
    await eventually(() => inf.resourceVersion !== listed, 5_000, 'bookmark');
    expect(inf.history.since(inf.resourceVersion)).toEqual([]);
    expect(inf.history.since(listed)).toEqual([]);
    inf.stop();
  });

  it('relists on 410 Expired and emits the difference as ordered events', async () => {
    ns('gone');
    for (let i = 0; i < 3; i++) sb.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `g${i}`, namespace: 'gone' } });
    const inf = informer('gone', { raw: true });
    const events: InformerEvent[] = [];
    const states: InformerState[] = [];
    const relistFlags: boolean[] = [];
    inf.onEvents((e, _rv, relist) => {
      events.push(...e);
      relistFlags.push(relist);
    });
    inf.onState((s) => states.push(s));
    inf.start();
    await inf.whenSynced();
    const stale = inf.resourceVersion;
    expect(stale).not.toBe('');
    inf.stop();
    // more writes than the sandbox retains, then resume from the stale version
    for (let i = 0; i < 60; i++) sb.client.patch(CM, 'gone', 'g0', 'merge', { data: { i: String(i) } });
    sb.client.delete(CM, 'gone', 'g1');
    sb.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'g9', namespace: 'gone' } });
    // the same informer resumes from its (now expired) version: 410 → relist → diff against its cache
    inf.start();
    await eventually(() => inf.stats.relists === 1 && inf.state === 'live', 10_000, 'relist after 410');
    expect(states).toContain('reconnecting');
    const summary = events.map((e) => `${e.type}:${e.object.metadata.name}`).sort();
    expect(summary).toEqual(['ADDED:g9', 'DELETED:g1', 'MODIFIED:g0']);
    expect(inf.items().map((o) => o.metadata.name).sort()).toEqual(['g0', 'g2', 'g9']);
    sb.client.delete(CM, 'gone', 'g2');
    await eventually(() => events.length === 4, 5_000, 'watch after relist');
    expect(events[3]).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'g2' } } });
    // the relist's difference is flagged as such (the change recorder records it as 'resynced'), watch events are not
    expect(relistFlags).toEqual([true, false]);
    // raw: managedFields kept for the consumer
    expect(inf.items()[0].metadata.managedFields).toBeDefined();
    inf.stop();
  });

  it('reports reconnecting with a since time when the cluster goes away, and never stops', async () => {
    const other = await startSandboxCluster({ name: 'gone', noRuntime: true });
    const kc = new KubeConfig();
    kc.loadFromString(other.kubeconfig);
    const c2 = new K8sClient('gone', kc, { connectTimeoutMs: 500 });
    const inf = new Informer({ client: () => c2, cluster: 'gone', ...CM, logger: quietLogger, backoff: { initialMs: 50, maxMs: 100 } });
    inf.start();
    await inf.whenSynced();
    await other.stop();
    await eventually(() => inf.state === 'reconnecting', 5_000, 'reconnecting');
    expect(inf.since).toBeTruthy();
    expect(inf.message).toBeTruthy();
    const attempts = inf.stats.lists + inf.stats.watches;
    await eventually(() => inf.stats.watches + inf.stats.lists >= attempts, 2_000, 'still trying');
    inf.stop();
    c2.close();
  });
});
