/**
 * Records one cluster: one list+watch informer per recorded resource (server/k8s/informer.ts, cluster-wide,
 * raw so managedFields and secret values reach the normalizer, which keeps only a compact view), compared with
 * the last recorded view of each object (loaded from the store at start). Equal views record nothing. After the
 * first list of a resource, and after every relist (410), what changed while unwatched is ONE change per
 * object ('resynced'; appeared → 'created', gone → 'deleted'). The very first list of a resource (no cursor in
 * the store) records a baseline silently. Changes are written in batches; the batch also moves the stored
 * views and cursors, so a restart compares against exactly what was recorded (no gap, no duplicate).
 */
import type { Logger } from 'pino';
import type { K8sClient } from '../k8s/client';
import { Informer, type InformerEvent } from '../k8s/informer';
import type { Obj } from '../k8s/strip';
import { deepEqual } from '../../lib/k8s/machinery';
import type { ChangeActor, ChangeType } from '../../lib/history/types';
import { recordedView, type View } from './normalize';
import { diffViews } from './diff';
import { summarize } from './summary';
import { actorFromManager, latestManager, newestManagers, pickManager, type LatestManagers } from './actor';
import { resourceKey, type RecordedResource } from './resources';
import type { Batch, NewChange, TrackedObject } from './history-store';
import { Batcher } from './batcher';

/** what the informer keeps per object: the view, not the object */
/** `tied`: the newest writers when several share the newest second (the changed fields decide among them) */
type Compact = Obj & { view: View; manager?: string; tied?: LatestManagers[] };

export interface AuditMatch {
  uid: string;
  resourceVersion: string;
  type: ChangeType;
}

export interface ClusterRecorderOptions {
  cluster: string;
  client: () => K8sClient;
  logger: Logger;
  /** what was recorded before (history_objects, history_cursors) */
  state: { objects: TrackedObject[]; cursors: Map<string, string> };
  /** writes a batch; false = this replica no longer records the cluster (it stops) */
  write: (b: Batch) => Promise<boolean>;
  /** the console user behind each change, when an audit record names one */
  whoInConsole?: (changes: AuditMatch[]) => Promise<(string | undefined)[]>;
  now?: () => Date;
  flushMs?: number;
  maxBatch?: number;
  onStopped?: (why: string) => void;
  /** a CustomResourceDefinition was created, changed or deleted (its resources come or go) */
  onCrdChange?: () => void;
}

export class ClusterRecorder {
  readonly stats = { recorded: 0, batches: 0 };
  private known = new Map<string, TrackedObject>();
  /** resourceKey/namespace/name → uid: a re-created object (new uid under the same name) is a delete + create */
  private uidByName = new Map<string, string>();
  private informers = new Map<string, { informer: Informer; res: RecordedResource; off: () => void }>();
  private readonly batcher: Batcher;
  private stopped = false;

  constructor(private readonly o: ClusterRecorderOptions) {
    for (const t of o.state.objects) this.track(t);
    this.batcher = new Batcher({
      flushMs: o.flushMs ?? 200,
      maxBatch: o.maxBatch ?? 2_000,
      write: (b) => this.write(b),
      logger: o.logger,
    });
  }

  get watching(): RecordedResource[] {
    return [...this.informers.values()].map((i) => i.res);
  }

  /** Starts (or keeps) an informer for each resource; stops the ones no longer served. */
  setResources(resources: RecordedResource[]): void {
    if (this.stopped) return;
    const want = new Map(resources.map((r) => [resourceKey(r), r]));
    for (const [k, i] of this.informers) {
      if (want.get(k)?.version === i.res.version) continue;
      i.off();
      i.informer.stop();
      this.informers.delete(k);
    }
    for (const [k, res] of want) if (!this.informers.has(k)) this.startInformer(k, res);
  }

  /** Flushes what is pending, then stops. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const i of this.informers.values()) {
      i.off();
      i.informer.stop();
    }
    this.informers.clear();
    await this.batcher.close();
  }

  /** Resolves once every informer has listed and what that list found is written. */
  async synced(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.informer.whenSynced()));
    await this.batcher.drain();
  }

  private startInformer(key: string, res: RecordedResource): void {
    const informer = new Informer({
      client: this.o.client,
      cluster: this.o.cluster,
      group: res.group,
      version: res.version,
      resource: res.resource,
      logger: this.o.logger,
      raw: true,
      historyLimit: 0,
      transform: (o) => this.compact(o, res),
    });
    const off = informer.onEvents((events, rv, relist) => this.onEvents(res, events, rv, relist ? 'relist' : 'watch'));
    this.informers.set(key, { informer, res, off });
    void informer.whenSynced().then(() => {
      if (this.informers.get(key)?.informer !== informer) return;
      this.onInitialList(res, informer.items() as Compact[], informer.resourceVersion);
    });
    informer.start();
  }

  private compact(o: Obj, res: RecordedResource): Compact {
    const md = o.metadata as Obj['metadata'] & { uid?: string; managedFields?: unknown };
    return {
      kind: o.kind ?? res.kind,
      metadata: { name: md.name, namespace: md.namespace, uid: md.uid, resourceVersion: md.resourceVersion },
      view: recordedView(o, res),
      manager: latestManager(md.managedFields)?.manager,
      ...tiedOf(md.managedFields),
    };
  }

  private track(t: TrackedObject): void {
    this.known.set(t.uid, t);
    this.uidByName.set(`${t.group}/${t.resource}/${t.namespace ?? ''}/${t.name}`, t.uid);
  }

  private untrack(t: TrackedObject): void {
    this.known.delete(t.uid);
    const k = `${t.group}/${t.resource}/${t.namespace ?? ''}/${t.name}`;
    if (this.uidByName.get(k) === t.uid) this.uidByName.delete(k);
  }

  private onInitialList(res: RecordedResource, items: Compact[], rv: string): void {
    const key = resourceKey(res);
    const baseline = !this.o.state.cursors.has(key);
    const seen = new Set<string>();
    for (const c of items) {
      seen.add(String(c.metadata.uid));
      this.observe(res, c, 'ADDED', baseline ? 'baseline' : 'relist');
    }
    for (const t of [...this.known.values()]) {
      if (t.group === res.group && t.resource === res.resource && !seen.has(t.uid)) this.gone(t);
    }
    this.o.state.cursors.set(key, rv);
    this.batcher.cursor(res, rv);
  }

  private onEvents(res: RecordedResource, events: InformerEvent[], rv: string, mode: 'watch' | 'relist'): void {
    for (const e of events) this.observe(res, e.object as Compact, e.type, mode);
    if (rv) this.batcher.cursor(res, rv);
  }

  private observe(res: RecordedResource, c: Compact, type: InformerEvent['type'], mode: 'watch' | 'relist' | 'baseline'): void {
    const uid = String(c.metadata.uid ?? '');
    if (!uid) return;
    const prev = this.known.get(uid);
    if (type === 'DELETED') {
      if (prev) this.gone(prev);
      return;
    }
    const ref: TrackedObject = {
      group: res.group,
      version: res.version,
      resource: res.resource,
      kind: String(c.kind ?? res.kind),
      namespace: (c.metadata.namespace as string | undefined) ?? null,
      name: c.metadata.name,
      uid,
      resourceVersion: String(c.metadata.resourceVersion ?? ''),
      view: c.view,
    };
    if (!prev) {
      const oldUid = this.uidByName.get(`${ref.group}/${ref.resource}/${ref.namespace ?? ''}/${ref.name}`);
      const old = oldUid ? this.known.get(oldUid) : undefined;
      if (old) this.gone(old);
      this.track(ref);
      if (mode === 'baseline') this.batcher.upsert(ref);
      else this.record(ref, 'created', null, ref.view, actorFromManager(c.manager));
      return;
    }
    if (deepEqual(prev.view, ref.view)) {
      prev.resourceVersion = ref.resourceVersion;
      return;
    }
    this.track(ref);
    const manager = c.tied ? pickManager(c.tied, diffViews(prev.view, ref.view).map((d) => d.path)) : c.manager;
    this.record(ref, mode === 'watch' ? 'updated' : 'resynced', prev.view, ref.view, actorFromManager(manager));
  }

  /** an object that no longer exists: recorded as deleted (who deleted it: only an audit record can say) */
  private gone(t: TrackedObject): void {
    this.untrack(t);
    this.record(t, 'deleted', t.view, null, { name: 'unknown', via: 'unknown' });
  }

  private record(t: TrackedObject, type: ChangeType, before: View | null, after: View | null, actor: ChangeActor): void {
    const diff = diffViews(before, after);
    const change: NewChange = {
      ...t,
      view: undefined,
      time: (this.o.now ?? (() => new Date()))(),
      type,
      actor,
      summary: summarize(type, before, after, diff),
      diff,
      object: after ?? before,
    } as NewChange;
    delete (change as Partial<TrackedObject>).view;
    this.stats.recorded++;
    if (t.group === 'apiextensions.k8s.io' && t.resource === 'customresourcedefinitions') this.o.onCrdChange?.();
    this.batcher.change(change, type === 'deleted' ? undefined : t);
  }

  private async write(b: Batch): Promise<void> {
    const t0 = performance.now();
    // a controller's write never went through the console: only the others are looked up
    const ask = b.changes.filter((c) => c.actor.via !== 'controller');
    if (this.o.whoInConsole && ask.length) {
      const users = await this.o.whoInConsole(ask.map((c) => ({ uid: c.uid, resourceVersion: c.resourceVersion, type: c.type }))).catch(() => []);
      ask.forEach((c, i) => {
        const user = users[i];
        if (user) c.actor = c.actor.manager ? { name: user, via: 'console', manager: c.actor.manager } : { name: user, via: 'console' };
      });
    }
    const t1 = performance.now();
    const ok = await this.o.write(b);
    this.stats.batches++;
    this.o.logger.debug({ changes: b.changes.length, upserts: b.upserts.length, auditMs: Math.round(t1 - t0), writeMs: Math.round(performance.now() - t1) }, 'history: batch written');
    if (!ok && !this.stopped) {
      this.o.logger.warn({ cluster: this.o.cluster }, 'history: this replica no longer records the cluster; stopping');
      void this.stop();
      this.o.onStopped?.('lease lost');
    }
  }
}

function tiedOf(managedFields: unknown): { tied?: LatestManagers[] } {
  const newest = newestManagers(managedFields);
  return newest.length > 1 ? { tied: newest } : {};
}
