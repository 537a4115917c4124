/**
 * The registry of cluster connections: every context of the configured kubeconfig files plus the
 * in-cluster service account. Each cluster is probed (GET /version, 5 s timeout) independently, retried
 * with backoff (1 s → 30 s) while unreachable and health-checked while connected. Files are polled
 * (fs.watchFile survives editors that replace the file) and reloaded on change; changed contexts get a new
 * client and listeners (watch hub, discovery) are told so they can drop what they built on the old one.
 */
import fs from 'node:fs';
import type { Logger } from 'pino';
import { K8sClient } from '../k8s/client';
import { K8sApiError, notFound, unavailable } from '../k8s/errors';
import { uniqueId } from './cluster-id';
import { loadInCluster, loadKubeconfigFile, type ContextConfig } from './kubeconfig-source';
import type { ClusterInfo } from '../../lib/api-types';

export type ClusterState = ClusterInfo['state'];

export interface ClusterEntry {
  id: string;
  name: string;
  source: string;
  state: ClusterState;
  version?: string;
  error?: string;
  client: K8sClient;
  fingerprint: string;
  /** bumped on every replacement; probes of an older generation are ignored */
  generation: number;
  timer?: NodeJS.Timeout;
  backoffMs: number;
  lastProbe: number;
  probing: boolean;
}

export type RegistryChange = { type: 'added' | 'removed' | 'updated'; id: string };

export interface RegistryOptions {
  files: string[];
  inCluster: boolean;
  /** where the service account is mounted (default: /var/run/secrets/kubernetes.io/serviceaccount) */
  serviceAccountDir?: string;
  logger: Logger;
  pollMs?: number;
  connectTimeoutMs?: number;
  healthIntervalMs?: number;
  maxConcurrent?: number;
}

export class ClusterRegistry {
  readonly ready: Promise<void>;
  private entries = new Map<string, ClusterEntry>();
  /** (source, context) → id, kept after removal so a context that comes back keeps its id */
  private ids = new Map<string, string>();
  private bySource = new Map<string, Set<string>>();
  private changeListeners = new Set<(c: RegistryChange) => void>();
  private stateListeners = new Set<(e: ClusterEntry) => void>();
  private reloadTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly o: RegistryOptions) {
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    if (this.o.inCluster) {
      try {
        this.apply('in-cluster', loadInCluster(this.o.serviceAccountDir));
      } catch (e) {
        this.o.logger.warn('in-cluster config unavailable: %s', (e as Error).message);
      }
    }
    for (const f of this.o.files) {
      this.reloadFile(f);
      fs.watchFile(f, { interval: this.o.pollMs ?? 2_000 }, () => this.scheduleReload(f));
    }
  }

  list(): ClusterInfo[] {
    return [...this.entries.values()].map((e) => ({
      id: e.id,
      name: e.name,
      state: e.state,
      source: e.source,
      ...(e.version ? { version: e.version } : {}),
      ...(e.error ? { error: e.error } : {}),
    }));
  }

  get(id: string): ClusterEntry | undefined {
    return this.entries.get(id);
  }

  /** The cluster's client for a request: 404 when unknown, 503 at once when known to be unreachable. */
  client(id: string): K8sClient {
    const e = this.entries.get(id);
    if (!e) throw notFound(`cluster "${id}" is not configured`, id);
    if (e.state === 'unreachable') {
      if (Date.now() - e.lastProbe > 2_000) void this.probe(e);
      throw unavailable(id, `cluster is unreachable: ${e.error ?? 'unknown error'}`);
    }
    return e.client;
  }

  /** Requests call this on transport failures so the state reflects reality before the next health check. */
  reportFailure(id: string, err: unknown): void {
    const e = this.entries.get(id);
    if (e && err instanceof K8sApiError && err.status === 503 && e.state === 'connected') void this.probe(e);
  }

  onChange(cb: (c: RegistryChange) => void): () => void {
    this.changeListeners.add(cb);
    return () => this.changeListeners.delete(cb);
  }

  onState(cb: (e: ClusterEntry) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  stop(): void {
    this.stopped = true;
    for (const f of this.o.files) fs.unwatchFile(f);
    for (const t of this.reloadTimers.values()) clearTimeout(t);
    for (const e of this.entries.values()) {
      clearTimeout(e.timer);
      e.client.close();
    }
  }

  private scheduleReload(file: string): void {
    clearTimeout(this.reloadTimers.get(file));
    this.reloadTimers.set(file, setTimeout(() => this.reloadFile(file), 200));
  }

  /** A missing file has no contexts; an unparsable one keeps its previous contexts (it may be mid-write). */
  reloadFile(file: string): void {
    if (this.stopped) return;
    if (!fs.existsSync(file)) return this.apply(file, []);
    try {
      this.apply(file, loadKubeconfigFile(file));
    } catch (e) {
      this.o.logger.warn({ file }, 'kubeconfig not loaded: %s', (e as Error).message);
    }
  }

  private apply(source: string, contexts: ContextConfig[]): void {
    const seen = new Set<string>();
    for (const c of contexts) {
      const key = `${source}\0${c.context}`;
      let id = this.ids.get(key);
      if (!id) {
        id = uniqueId(c.context, (x) => [...this.ids.values()].includes(x));
        this.ids.set(key, id);
      }
      seen.add(id);
      const old = this.entries.get(id);
      if (old && old.fingerprint === c.fingerprint) continue;
      let client: K8sClient;
      try {
        client = new K8sClient(id, c.kc, { connectTimeoutMs: this.o.connectTimeoutMs, maxConcurrent: this.o.maxConcurrent });
      } catch (e) {
        this.o.logger.warn({ source, context: c.context }, 'context skipped: %s', (e as Error).message);
        seen.delete(id);
        continue;
      }
      if (old) {
        clearTimeout(old.timer);
        old.client.close();
      }
      const entry: ClusterEntry = {
        id,
        name: c.context,
        source,
        state: 'connecting',
        client,
        fingerprint: c.fingerprint,
        generation: (old?.generation ?? 0) + 1,
        backoffMs: 1_000,
        lastProbe: 0,
        probing: false,
      };
      this.entries.set(id, entry);
      this.o.logger.info({ cluster: id, source }, old ? 'cluster updated' : 'cluster added');
      this.emitChange({ type: old ? 'updated' : 'added', id });
      void this.probe(entry);
    }
    for (const id of this.bySource.get(source) ?? []) {
      if (seen.has(id)) continue;
      const e = this.entries.get(id);
      if (!e) continue;
      clearTimeout(e.timer);
      e.client.close();
      this.entries.delete(id);
      this.o.logger.info({ cluster: id, source }, 'cluster removed');
      this.emitChange({ type: 'removed', id });
    }
    this.bySource.set(source, seen);
  }

  private emitChange(c: RegistryChange): void {
    for (const cb of this.changeListeners) cb(c);
  }

  private async probe(e: ClusterEntry): Promise<void> {
    if (e.probing || this.stopped) return;
    e.probing = true;
    e.lastProbe = Date.now();
    clearTimeout(e.timer);
    const gen = e.generation;
    let next: number;
    try {
      const v = await e.client.request<{ gitVersion?: string; major?: string; minor?: string }>({
        path: '/version',
        timeoutMs: e.client.connectTimeoutMs,
      });
      if (this.entries.get(e.id) !== e || e.generation !== gen) return;
      e.version = v?.gitVersion ?? (v?.major ? `v${v.major}.${v.minor}` : undefined);
      e.error = undefined;
      e.backoffMs = 1_000;
      this.setState(e, 'connected');
      next = this.o.healthIntervalMs ?? 30_000;
    } catch (err) {
      if (this.entries.get(e.id) !== e) return;
      e.error = (err as Error).message;
      this.setState(e, 'unreachable');
      next = e.backoffMs;
      e.backoffMs = Math.min(e.backoffMs * 2, 30_000);
    } finally {
      e.probing = false;
    }
    if (!this.stopped && this.entries.get(e.id) === e) e.timer = setTimeout(() => void this.probe(e), next);
  }

  private setState(e: ClusterEntry, s: ClusterState): void {
    const changed = e.state !== s;
    e.state = s;
    if (changed) for (const cb of this.stateListeners) cb(e);
  }
}
