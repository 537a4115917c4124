/**
 * Our own list+watch informer over raw HTTPS streaming (client.ts). client-node's ListWatch cannot be told
 * to resume from a given resourceVersion after an error without relisting, does not surface bookmarks or a
 * live/reconnecting/error state, and keeps managedFields; so this small one does:
 *  - paged list (limit 500, continue; a 410 on a continue token restarts the list),
 *  - watch with allowWatchBookmarks from the last resourceVersion seen (events and bookmarks),
 *  - 410 Expired (HTTP or ERROR event) → relist, emitted as a diff (ADDED/MODIFIED/DELETED) so consumers
 *    see an ordered stream and never need to start over,
 *  - any other failure → capped exponential backoff (1 s → 30 s) and a visible state, never a silent stop.
 * resourceVersions are compared for equality only (convention 5).
 */
import type { Logger } from 'pino';
import type { IncomingMessage } from 'node:http';
import type { K8sClient } from './client';
import { errorFromStatus, K8sApiError } from './errors';
import { apiVersionOf, queryString, resourcePath } from './paths';
import { stripForCache, type Obj } from './strip';
import { WatchHistory, type HistoryEvent } from './history';
import { readWatchStream } from './watch-stream';

export type InformerState = 'live' | 'reconnecting' | 'error';
export type InformerEvent = HistoryEvent<Obj>;

export interface InformerOptions {
  /** looked up per request so a kubeconfig reload (new credentials) applies to the running informer */
  client: () => K8sClient;
  cluster: string;
  group: string;
  version: string;
  resource: string;
  /** undefined = all namespaces (or cluster-scoped) */
  namespace?: string;
  logger: Logger;
  /** applied after stripping (e.g. secret redaction) */
  transform?: (o: Obj) => Obj;
  /** skip stripForCache: the transform sees managedFields and the last-applied annotation (the change recorder) */
  raw?: boolean;
  historyLimit?: number;
  pageSize?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** server-side watch timeout; a normal end resumes at once */
  watchTimeoutSeconds?: number;
  /** only objects matching this label selector (sent to the API server) */
  labelSelector?: string;
  /** only objects matching this field selector (sent to the API server; e.g. one object by metadata.name) */
  fieldSelector?: string;
  /** metadata only (PartialObjectMetadata): for consumers that need names and labels, never payloads */
  metadataOnly?: boolean;
}

const META_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const META_WATCH = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

/** `relist`: the events are a relist's difference to the previous store (after a 410 or relistNow), not watch events */
export type InformerListener = (events: InformerEvent[], rv: string, relist: boolean) => void;

export const objectKey = (o: Obj): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class Informer {
  state: InformerState = 'reconnecting';
  since?: string = new Date().toISOString();
  message?: string = 'listing';
  synced = false;
  resourceVersion = '';
  readonly stats = { lists: 0, watches: 0, relists: 0 };
  readonly history: WatchHistory<Obj>;

  private store = new Map<string, Obj>();
  private stopped = true;
  private needList = true;
  private backoffMs: number;
  private res?: IncomingMessage;
  private wake?: () => void;
  private forced = false;
  /** a stop() + start() must not leave the old loop running beside the new one */
  private generation = 0;
  private eventListeners = new Set<InformerListener>();
  private stateListeners = new Set<(s: InformerState) => void>();
  private syncWaiters: (() => void)[] = [];
  private readonly apiVersion: string;
  private kind = '';

  constructor(private readonly o: InformerOptions) {
    this.history = new WatchHistory(o.historyLimit ?? 20_000);
    this.backoffMs = o.backoff?.initialMs ?? 1_000;
    this.apiVersion = apiVersionOf(o.group, o.version);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run(++this.generation);
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.res?.destroy();
    this.wake?.();
  }

  items(): Obj[] {
    return [...this.store.values()];
  }

  get size(): number {
    return this.store.size;
  }

  /** The cached object under objectKey(o), if any. */
  get(key: string): Obj | undefined {
    return this.store.get(key);
  }

  /** true while an upstream watch stream is open (the hub's fold test counts these) */
  get watching(): boolean {
    return this.res !== undefined;
  }

  onEvents(cb: InformerListener): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  onState(cb: (s: InformerState) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((r) => this.syncWaiters.push(r));
  }

  /** Cut a backoff wait short (the cluster is back). */
  retryNow(): void {
    this.wake?.();
  }

  /** Relist now and emit the difference (credentials or server changed under us). */
  relistNow(): void {
    this.needList = true;
    if (this.res) {
      this.forced = true;
      this.res.destroy();
    }
    this.wake?.();
  }

  /** Test/fault hook: drop the current watch and resume from `rv` (e.g. an expired one to force a 410). */
  resumeFrom(rv: string): void {
    this.resourceVersion = rv;
    if (this.res) {
      this.forced = true;
      this.res.destroy();
    }
  }

  private setState(s: InformerState, message?: string): void {
    if (s === this.state && message === this.message) return;
    const changed = s !== this.state;
    this.state = s;
    this.message = message;
    if (s === 'live') this.since = undefined;
    else if (changed || !this.since) this.since = this.since ?? new Date().toISOString();
    if (changed) for (const cb of this.stateListeners) cb(s);
  }

  private async run(gen: number): Promise<void> {
    const log = this.o.logger;
    while (!this.stopped && gen === this.generation) {
      try {
        if (this.needList) {
          await this.relist(gen);
          this.backoffMs = this.o.backoff?.initialMs ?? 1_000;
        }
        await this.watchOnce(gen);
      } catch (e) {
        if (this.stopped || gen !== this.generation) break;
        const err =
          e instanceof K8sApiError
            ? e
            : new K8sApiError({ status: 503, reason: 'ServiceUnavailable', message: String((e as Error)?.message ?? e), cluster: this.o.cluster });
        if (err.status === 410 || err.reason === 'Expired' || err.reason === 'Gone') {
          log.info({ resource: this.o.resource, ns: this.o.namespace }, 'watch expired; relisting');
          this.needList = true;
          this.setState('reconnecting', 'resourceVersion expired; relisting');
          continue;
        }
        const permanent = [401, 403, 404].includes(err.status);
        this.setState(permanent ? 'error' : 'reconnecting', err.message);
        log.warn({ resource: this.o.resource, ns: this.o.namespace, status: err.status, backoffMs: this.backoffMs }, 'informer error: %s', err.message);
        await this.sleep(this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, this.o.backoff?.maxMs ?? 30_000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private basePath(): string {
    const { group, version, resource, namespace } = this.o;
    return resourcePath({ group, version, resource, namespace });
  }

  private prepare(raw: Obj): Obj {
    let o: Obj = raw.kind ? raw : { ...raw, kind: this.kind, apiVersion: this.apiVersion };
    if (!this.o.raw) o = stripForCache(o);
    return this.o.transform ? this.o.transform(o) : o;
  }

  /** Paged list; on a relist, emits the difference to the previous store as ordinary events. */
  private async relist(gen: number): Promise<void> {
    const fresh = new Map<string, Obj>();
    let cont: string | undefined;
    let rv = '';
    this.stats.lists++;
    for (;;) {
      let page: { kind?: string; metadata?: { resourceVersion?: string; continue?: string }; items?: Obj[] };
      try {
        page = await this.o.client().request({
          path: this.basePath() + queryString({ labelSelector: this.o.labelSelector, fieldSelector: this.o.fieldSelector, limit: this.o.pageSize ?? 500, continue: cont }),
          ...(this.o.metadataOnly ? { accept: META_LIST } : {}),
        });
      } catch (e) {
        if (cont && e instanceof K8sApiError && e.status === 410) {
          fresh.clear();
          cont = undefined; // continue token expired mid-list: start over
          continue;
        }
        throw e;
      }
      if (page.kind?.endsWith('List')) this.kind = page.kind.slice(0, -4);
      for (const item of page.items ?? []) {
        const o = this.prepare(item);
        fresh.set(objectKey(o), o);
      }
      rv = page.metadata?.resourceVersion ?? rv;
      cont = page.metadata?.continue || undefined;
      if (!cont) break;
    }
    if (this.stopped || gen !== this.generation) return;
    const events: InformerEvent[] = [];
    if (this.synced) {
      this.stats.relists++;
      for (const [k, old] of this.store) if (!fresh.has(k)) events.push({ type: 'DELETED', object: old });
      for (const [k, o] of fresh) {
        const old = this.store.get(k);
        if (!old) events.push({ type: 'ADDED', object: o });
        else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) events.push({ type: 'MODIFIED', object: o });
      }
    }
    this.store = fresh;
    this.resourceVersion = rv;
    this.needList = false;
    for (const e of events) this.history.push(e, undefined);
    this.history.push(undefined, rv);
    this.setState('live');
    if (events.length) this.emit(events, true);
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  private emit(events: InformerEvent[], relist = false): void {
    for (const cb of this.eventListeners) {
      try {
        cb(events, this.resourceVersion, relist);
      } catch (e) {
        this.o.logger.error({ err: e }, 'informer listener failed');
      }
    }
  }

  private async watchOnce(gen: number): Promise<void> {
    const timeout = this.o.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
    const res = await this.o.client().stream({
      path:
        this.basePath() +
        queryString({ labelSelector: this.o.labelSelector, fieldSelector: this.o.fieldSelector, watch: 1, allowWatchBookmarks: true, resourceVersion: this.resourceVersion, timeoutSeconds: timeout }),
      ...(this.o.metadataOnly ? { accept: META_WATCH } : {}),
    });
    this.stats.watches++;
    if (this.stopped || gen !== this.generation) {
      res.destroy();
      return;
    }
    this.res = res;
    this.setState('live');
    let batch: InformerEvent[] = [];
    try {
      await readWatchStream(
        res,
        {
          line: (l) => {
            const ev = this.handleLine(l);
            if (ev) batch.push(ev);
          },
          chunkEnd: () => {
            if (!batch.length) return;
            const b = batch;
            batch = [];
            this.backoffMs = this.o.backoff?.initialMs ?? 1_000;
            this.emit(b);
          },
          wasCut: () => this.forced,
        },
        this.o.cluster,
        (timeout + 30) * 1000,
      );
    } finally {
      this.forced = false;
      if (this.res === res) this.res = undefined;
    }
  }

  private handleLine(line: string): InformerEvent | undefined {
    const ev = JSON.parse(line) as { type: string; object: Obj & Record<string, unknown> };
    if (ev.type === 'ERROR') throw errorFromStatus(this.o.cluster, ev.object, 500);
    const rv = ev.object?.metadata?.resourceVersion;
    if (ev.type === 'BOOKMARK') {
      if (rv) {
        this.resourceVersion = rv;
        this.history.push(undefined, rv);
      }
      return undefined;
    }
    if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') return undefined;
    const o = this.prepare(ev.object);
    const key = objectKey(o);
    if (ev.type === 'DELETED') this.store.delete(key);
    else this.store.set(key, o);
    if (rv) this.resourceVersion = rv;
    const out: InformerEvent = { type: ev.type, object: o };
    this.history.push(out, rv);
    return out;
  }
}
