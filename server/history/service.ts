/**
 * The history service of one replica: every `renewMs` (5 s) it takes or renews the lease of each configured
 * cluster (leadership.ts) and records the clusters it holds, one ClusterRecorder each, with the state that was
 * recorded before (history_objects, history_cursors); a cluster whose lease it lost (or that left the
 * kubeconfig) stops at once. A lease lasts `leaseTtlMs` (15 s): when a replica dies, another one takes its
 * clusters within 20 s. Retention runs on the replica holding the "retention" lease, every `retentionEveryMs`.
 * Nothing here sleeps on the wall clock in tests: they call tick() with an injected clock.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DiscoveryResource } from '../../lib/api-types';
import type { K8sClient } from '../k8s/client';
import { ClusterRecorder, type AuditMatch } from './cluster-recorder';
import { loadCluster, writeBatch, type HistoryDb } from './history-store';
import { clusterLease, releaseLease, RETENTION_LEASE, tryLease } from './leadership';
import { recordedResources } from './resources';
import { DEFAULT_RETENTION, enforceRetention, type RetentionOptions } from './retention';
import { consoleUsers } from './audit-match';

export interface HistoryClusters {
  ids(): string[];
  client(id: string): K8sClient;
  discover(id: string): Promise<DiscoveryResource[]>;
  invalidateDiscovery(id: string): void;
}

export interface HistoryServiceOptions {
  db: HistoryDb;
  clusters: HistoryClusters;
  logger: Logger;
  replicaId?: string;
  now?: () => Date;
  leaseTtlMs?: number;
  renewMs?: number;
  retention?: RetentionOptions;
  retentionEveryMs?: number;
  flushMs?: number;
  /** console users from the store's audit records (default: audit_events of the same store) */
  whoInConsole?: (cluster: string, changes: AuditMatch[]) => Promise<(string | undefined)[]>;
}

interface Running {
  recorder?: ClusterRecorder;
  starting?: Promise<void>;
  discoverTimer?: NodeJS.Timeout;
}

export class HistoryService {
  readonly replicaId: string;
  private running = new Map<string, Running>();
  private timer?: NodeJS.Timeout;
  private lastRetention = 0;
  private ticking?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: HistoryServiceOptions) {
    this.replicaId = o.replicaId ?? randomUUID();
  }

  private now(): Date {
    return (this.o.now ?? (() => new Date()))();
  }

  /** Runs tick() every renewMs. */
  start(): void {
    const every = this.o.renewMs ?? 5_000;
    const loop = () => {
      void this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, every);
      });
    };
    loop();
  }

  /** The clusters this replica records now. */
  recording(): string[] {
    return [...this.running.entries()].filter(([, r]) => r.recorder).map(([id]) => id);
  }

  recorder(cluster: string): ClusterRecorder | undefined {
    return this.running.get(cluster)?.recorder;
  }

  /** One leadership round (and retention when due); resolves when started recorders have listed. */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async round(): Promise<void> {
    const ttl = this.o.leaseTtlMs ?? 15_000;
    const ids = new Set(this.o.clusters.ids());
    for (const id of [...this.running.keys()]) if (!ids.has(id)) await this.stopCluster(id, true);
    for (const id of ids) {
      if (this.stopped) return;
      let held = false;
      try {
        held = await tryLease(this.o.db, clusterLease(id), this.replicaId, this.now(), ttl);
      } catch (err) {
        this.o.logger.warn({ err, cluster: id }, 'history: lease check failed');
      }
      const r = this.running.get(id);
      if (held && !r) await this.startCluster(id);
      else if (!held && r) await this.stopCluster(id, false);
    }
    await this.retention(ttl);
  }

  private async retention(ttl: number): Promise<void> {
    const now = this.now();
    if (now.getTime() - this.lastRetention < (this.o.retentionEveryMs ?? 60_000)) return;
    try {
      if (!(await tryLease(this.o.db, RETENTION_LEASE, this.replicaId, now, Math.max(ttl, 120_000)))) return;
      this.lastRetention = now.getTime();
      const deleted = await enforceRetention(this.o.db, now, this.o.retention ?? DEFAULT_RETENTION);
      if (deleted) this.o.logger.info({ deleted }, 'history: retention deleted old changes');
    } catch (err) {
      this.o.logger.warn({ err }, 'history: retention failed');
    }
  }

  private async startCluster(id: string): Promise<void> {
    const entry: Running = {};
    this.running.set(id, entry);
    const log = this.o.logger.child({ cluster: id });
    entry.starting = (async () => {
      const state = await loadCluster(this.o.db, id);
      const lease = clusterLease(id);
      const recorder = new ClusterRecorder({
        cluster: id,
        client: () => this.o.clusters.client(id),
        logger: log,
        state,
        now: this.o.now,
        flushMs: this.o.flushMs,
        write: (b) => writeBatch(this.o.db, id, b, { name: lease, holder: this.replicaId, now: this.now() }),
        whoInConsole: (changes) => (this.o.whoInConsole ?? ((c, ch) => consoleUsers(this.o.db, c, ch)))(id, changes),
        onStopped: () => {
          if (this.running.get(id) === entry) this.running.delete(id);
        },
        onCrdChange: () => this.rediscoverSoon(id, entry),
      });
      entry.recorder = recorder;
      await this.discover(id, recorder);
      log.info({ replica: this.replicaId, resources: recorder.watching.length }, 'history: recording this cluster');
    })().catch((err) => {
      log.warn({ err }, 'history: could not start recording; retrying at the next round');
      void entry.recorder?.stop();
      if (this.running.get(id) === entry) this.running.delete(id);
    });
    await entry.starting;
  }

  private async discover(id: string, recorder: ClusterRecorder): Promise<void> {
    recorder.setResources(recordedResources(await this.o.clusters.discover(id)));
  }

  /** a CRD came or went: its custom resources start or stop being recorded (debounced) */
  private rediscoverSoon(id: string, entry: Running): void {
    clearTimeout(entry.discoverTimer);
    entry.discoverTimer = setTimeout(() => {
      if (this.running.get(id) !== entry || !entry.recorder) return;
      this.o.clusters.invalidateDiscovery(id);
      void this.discover(id, entry.recorder).catch((err) => this.o.logger.warn({ err, cluster: id }, 'history: rediscovery failed'));
    }, 1_000);
  }

  private async stopCluster(id: string, release: boolean): Promise<void> {
    const r = this.running.get(id);
    this.running.delete(id);
    if (!r) return;
    clearTimeout(r.discoverTimer);
    await r.starting;
    await r.recorder?.stop();
    if (release) await releaseLease(this.o.db, clusterLease(id), this.replicaId).catch(() => undefined);
  }

  /**
   * Stops recording and gives every lease up (a clean shutdown hands clusters over at once). With
   * `release: false` the leases stay until they expire, as when the process dies.
   */
  async stop(o: { release?: boolean } = {}): Promise<void> {
    const release = o.release ?? true;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking?.catch(() => undefined);
    for (const id of [...this.running.keys()]) await this.stopCluster(id, release);
    if (release) await releaseLease(this.o.db, RETENTION_LEASE, this.replicaId).catch(() => undefined);
  }
}
