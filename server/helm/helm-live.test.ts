/**
 * Live Helm lists over a real sandbox: the list is answered from the metadata-only record watch, and a socket in a cluster's Helm room hears 'helmChanged' when a record is written or deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../watch/testing';
import { R, releaseSecret, type ReleaseRecord } from '@wheelhouse/sandbox/testing';
import { helmListResponse } from '../../lib/helm/types';

let h: Harness;

const record = (name: string, version: number, status: string): ReleaseRecord => ({
  name,
  namespace: 'default',
  version,
  status,
  description: status === 'deployed' ? 'Install complete' : 'Superseded',
  firstDeployed: new Date(Date.UTC(2026, 0, 1)),
  lastDeployed: new Date(Date.UTC(2026, 0, version)),
  notes: '',
  chart: { name: 'app', version: `1.${version}.0`, appVersion: '1.0', description: 'an app' },
  templates: {},
  defaults: {},
  config: {},
  manifest: '',
  hooks: [],
});

const list = async () => helmListResponse.parse(await (await fetch(`${h.url}/api/clusters/${h.clusterId}/helm/releases`)).json()).releases;

beforeAll(async () => {
  h = await startHarness({ name: 'helm-live' });
}, 60_000);
afterAll(async () => h?.close());

describe('live Helm lists', () => {
  it('says when a release record changes, and lists from the watch', async () => {
    h.sandbox.client.create(R.secrets, releaseSecret(record('api', 1, 'deployed')));
    expect((await list()).map((r) => `${r.name}:${r.revision}`)).toEqual(['api:1']);

    const socket = h.client();
    const frames: { cluster: string }[] = [];
    socket.on('helmChanged', (f) => frames.push(f));
    const ack = await new Promise((resolve) => socket.emit('subscribeHelm', { cluster: h.clusterId }, resolve));
    expect(ack).toEqual({ ok: true });

    // an upgrade as helm writes it: the new revision, then the old one marked superseded
    h.sandbox.client.create(R.secrets, releaseSecret(record('api', 2, 'deployed')));
    const old = h.sandbox.client.get(R.secrets, 'default', 'sh.helm.release.v1.api.v1')!;
    h.sandbox.client.update(R.secrets, { ...old, metadata: { ...old.metadata, labels: { ...old.metadata.labels, status: 'superseded' } } });
    await eventually(() => frames.length > 0, 10_000, 'helmChanged');
    expect(frames[0]).toEqual({ cluster: h.clusterId });
    await eventually(async () => (await list()).map((r) => `${r.name}:${r.revision}:${r.status}`).join() === 'api:2:deployed', 10_000, 'list shows revision 2');

    const before = frames.length;
    h.sandbox.client.delete(R.secrets, 'default', 'sh.helm.release.v1.api.v2');
    h.sandbox.client.delete(R.secrets, 'default', 'sh.helm.release.v1.api.v1');
    await eventually(() => frames.length > before, 10_000, 'helmChanged after uninstall');
    await eventually(async () => (await list()).length === 0, 10_000, 'list empty');

    const bad = await new Promise((resolve) => socket.emit('subscribeHelm', { cluster: 'nope' }, resolve));
    expect(bad).toMatchObject({ ok: false, error: { status: 404 } });
  });
});
