/**
 * The recorder against a real sandbox over HTTPS, on PGlite and on a real PostgreSQL: what it records (and
 * what it does not), the actor, and resuming after a restart with exactly the missed changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../store/testing';
import { eventually } from '../watch/testing';
import { historyDb, type HistoryDb } from './history-store';
import { recorded, startHistoryHarness, type HistoryHarness } from './testing';

const cm = (name: string, data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});
const CMS = '/api/v1/namespaces/default/configmaps';

describeEachStore('change recorder', (getStore) => {
  let h: HistoryHarness;
  let db: HistoryDb;
  beforeAll(async () => {
    h = await startHistoryHarness();
    db = historyDb(getStore());
  }, 60_000);
  afterAll(() => h?.close());

  it('records creates, updates and deletes with a summary and the field manager; equal views record nothing', async () => {
    await h.write('POST', CMS, cm('before', { a: '1' }));
    const svc = h.service({ db });
    await svc.tick();
    expect(svc.recording()).toEqual([h.cluster]);
    await svc.recorder(h.cluster)!.synced();
    // the first list of a resource is a baseline: nothing recorded for what already existed
    expect(await recorded(db, { name: 'before' })).toEqual([]);

    const created = await h.write<{ metadata: { uid: string } }>('POST', CMS, cm('app-config', { a: '1' }), 'alice-script');
    const uid = created.metadata.uid;
    await h.write('PATCH', `${CMS}/app-config`, { data: { b: '2' }, metadata: { labels: { app: 'web' } } }, 'bob-tool');
    // a finalizer is not part of the recorded view: no change
    await h.write('PATCH', `${CMS}/app-config`, { metadata: { finalizers: ['example.com/keep'] } }, 'bob-tool');
    await h.write('PATCH', `${CMS}/app-config`, { metadata: { finalizers: null } }, 'bob-tool');
    await h.write('DELETE', `${CMS}/app-config`);
    await eventually(async () => (await recorded(db, { uid })).length >= 3, 15_000, 'three changes');
    const rows = await recorded(db, { uid });
    expect(rows.map((r) => [r.type, r.summary, r.actor.name, r.actor.via])).toEqual([
      ['created', 'created', 'alice-script', 'manager'],
      ['updated', 'label app added; keys added: b', 'bob-tool', 'manager'],
      ['deleted', 'deleted', 'unknown', 'unknown'],
    ]);
    expect(rows[1]).toMatchObject({ cluster: h.cluster, group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespace: 'default', name: 'app-config' });
    await svc.stop();
  });

  it('resumes after a restart with exactly the changes it missed, once each', async () => {
    await h.write('POST', CMS, cm('keep', { k: '1' }));
    await h.write('POST', CMS, cm('edit', { k: '1' }));
    await h.write('POST', CMS, cm('drop', { k: '1' }));
    let svc = h.service({ db });
    await svc.tick();
    await svc.recorder(h.cluster)!.synced();
    await eventually(async () => (await recorded(db, { name: 'drop' })).length === 1, 15_000, 'the creates');
    await svc.stop();

    // while nobody records: one object changed twice, one deleted, one created, one touched without a change
    await h.write('PATCH', `${CMS}/edit`, { data: { k: '2' } }, 'carol');
    await h.write('PATCH', `${CMS}/edit`, { data: { k: '3' } }, 'carol');
    await h.write('DELETE', `${CMS}/drop`);
    await h.write('POST', CMS, cm('new', { n: '1' }), 'dave');
    await h.write('PATCH', `${CMS}/keep`, { metadata: { finalizers: ['x.io/y'] } });
    await h.write('PATCH', `${CMS}/keep`, { metadata: { finalizers: null } });

    const before = (await recorded(db)).length;
    svc = h.service({ db });
    await svc.tick();
    await svc.recorder(h.cluster)!.synced();
    const missed = (await recorded(db)).slice(before);
    expect(missed.map((r) => [r.name, r.type, r.summary]).sort()).toEqual([
      ['drop', 'deleted', 'deleted'],
      ['edit', 'resynced', 'keys changed: k'],
      ['new', 'created', 'created'],
    ]);
    expect(missed.find((r) => r.name === 'edit')?.actor).toEqual({ name: 'carol', via: 'manager', manager: 'carol' });
    await svc.stop();

    // and a second restart with nothing changed records nothing
    svc = h.service({ db });
    await svc.tick();
    await svc.recorder(h.cluster)!.synced();
    expect((await recorded(db)).length).toBe(before + 3);
    await svc.stop();
  });
});

describeEachStore('change recorder: console users', (getStore) => {
  let h: HistoryHarness;
  beforeAll(async () => {
    h = await startHistoryHarness('who');
  }, 60_000);
  afterAll(() => h?.close());

  it('names the console user when the store holds the audit record of that very write', async () => {
    const db = historyDb(getStore());
    let svc = h.service({ db });
    await svc.tick();
    await svc.recorder(h.cluster)!.synced();
    await svc.stop();
    // written while not recorded, so the audit row is surely in place when the change is recorded (a resync)
    const made = await h.write<{ metadata: { uid: string; resourceVersion: string } }>('POST', CMS, cm('by-console', { a: '1' }), 'wheelhouse');
    const other = await h.write<{ metadata: { uid: string } }>('POST', CMS, cm('by-kubectl', { a: '1' }), 'kubectl-create');
    await getStore()
      .db.insertInto('audit_events')
      .values({
        at: new Date(),
        username: 'alice',
        cluster: h.cluster,
        verb: 'create',
        api_group: '',
        api_version: 'v1',
        resource: 'configmaps',
        namespace: 'default',
        name: 'by-console',
        result: 'success',
        status: null,
        message: null,
        resource_version: made.metadata.resourceVersion,
        uid: made.metadata.uid,
        session_id: null,
      })
      .execute();
    svc = h.service({ db });
    await svc.tick();
    await svc.recorder(h.cluster)!.synced();
    expect((await recorded(db, { uid: made.metadata.uid })).map((r) => r.actor)).toEqual([{ name: 'alice', via: 'console', manager: 'wheelhouse' }]);
    expect((await recorded(db, { uid: other.metadata.uid })).map((r) => r.actor)).toEqual([{ name: 'kubectl-create', via: 'manager', manager: 'kubectl-create' }]);
    await svc.stop();
  });
});

describe('recorded kinds', () => {
  it('watches workloads, config, RBAC, nodes, CRDs and leaves derived churn out', async () => {
    const { recordedResources } = await import('./resources');
    const r = (group: string, resource: string, verbs = ['list', 'watch']) => ({ group, version: 'v1', resource, kind: resource, namespaced: true, verbs, subresources: [] });
    const picked = recordedResources([
      r('apps', 'deployments'),
      r('', 'events'),
      r('coordination.k8s.io', 'leases'),
      r('discovery.k8s.io', 'endpointslices'),
      r('', 'endpoints'),
      r('', 'secrets'),
      r('example.com', 'widgets'),
      r('metrics.k8s.io', 'pods', ['get', 'list']),
    ]).map((x) => `${x.group}/${x.resource}`);
    expect(picked).toEqual(['apps/deployments', '/secrets', 'example.com/widgets']);
  });
});
