/**
 * Reading releases. Lists come from the records' labels (metadata-only, listed with the console's own identity so
 * people without Secret access still see which releases exist) and are shown to whoever may list Pods in the
 * namespace; chart columns come from ChartCache. Values, manifests and notes are decoded only for the detail
 * view and only from records read AS THE PERSON: who may not get Secrets (or ConfigMaps, for that driver) in
 * the namespace gets the history from labels and the reason instead. Payload contents are never logged.
 */
import type { Logger } from 'pino';
import type { HelmDetailResponse, HelmReleaseRow, HelmRevision, HelmRevisionContent } from '../../lib/helm/types';
import type { Identity } from '../auth/identity';
import type { ClusterRegistry } from '../clusters/registry';
import type { DiscoveryCache } from '../clusters/discovery';
import type { K8sClient } from '../k8s/client';
import { K8sApiError, notFound } from '../k8s/errors';
import { queryString, resourcePath } from '../k8s/paths';
import { deniedReason, forbidden, mapLimit, type AccessReviewer } from '../watch/access';
import { ChartCache, chartInfoOf, type ChartInfo } from './chart-cache';
import { decodeRelease, payloadOf, type HelmRelease } from './codec';
import { resolveObjects, splitManifest } from './manifest';
import { listRecordMeta, readRecord, readReleaseRecords, driverResource, recordOf, type Driver, type RecordMeta, type StoredRelease } from './storage';
import { coalesceValues, valuesYaml } from './values';
import type { HelmRecordWatch } from './record-watch';

/** more misses than this are fetched with one list of the non-superseded records instead of one GET each */
const BULK_THRESHOLD = 40;
/**
 * A list waits at most this long for chart columns not cached yet; the decoding goes on in the background and
 * those rows say `chartPending` (a first visit to a cluster with thousands of releases answers from labels at once).
 */
const CHART_WAIT_MS = 300;

type RecordItem = { metadata: Parameters<typeof recordOf>[1]; data?: Record<string, string> };

export interface HelmServiceDeps {
  registry: ClusterRegistry;
  discovery: DiscoveryCache;
  access: AccessReviewer;
  logger: Logger;
  /** live record metadata per cluster; without it every list asks the cluster */
  watch?: HelmRecordWatch;
}

export function latestPerRelease(records: RecordMeta[]): Map<string, RecordMeta[]> {
  const by = new Map<string, RecordMeta[]>();
  for (const r of records) {
    const k = `${r.namespace}/${r.name}`;
    const list = by.get(k);
    if (list) list.push(r);
    else by.set(k, [r]);
  }
  for (const list of by.values()) list.sort((a, b) => a.version - b.version);
  return by;
}

export class HelmService {
  readonly charts = new ChartCache();
  /** one background decoding per cluster at a time */
  private filling = new Map<string, Promise<void>>();
  constructor(private readonly d: HelmServiceDeps) {}

  private service(cluster: string): K8sClient {
    return this.d.registry.client(cluster);
  }

  /** may this person see the releases of `namespace` (list Pods there)? */
  async mayList(identity: Identity, cluster: string, namespace?: string): Promise<{ allowed: boolean; reason?: string }> {
    const all = await this.d.access.can(identity, cluster, { verb: 'list', group: '', resource: 'pods' });
    if (all.allowed || !namespace) return all;
    return this.d.access.can(identity, cluster, { verb: 'list', group: '', resource: 'pods', namespace });
  }

  async list(cluster: string, identity: Identity, namespace?: string): Promise<HelmReleaseRow[]> {
    const client = this.service(cluster);
    const records = (await this.liveRecords(cluster, namespace)) ?? (await listRecordMeta(client, { namespace }));
    const groups = [...latestPerRelease(records).values()];
    const namespaces = [...new Set(groups.map((g) => g[0]!.namespace))];
    const allowedNs = new Set<string>();
    await mapLimit(namespaces, 8, async (ns) => {
      if ((await this.mayList(identity, cluster, ns)).allowed) allowedNs.add(ns);
    });
    const latest = groups.filter((g) => allowedNs.has(g[0]!.namespace)).map((g) => g[g.length - 1]!);
    await this.fillChartsBounded(cluster, client, latest);
    return latest.map((r) => this.row(cluster, r));
  }

  /** from the cluster's record watch once it has listed; undefined when there is none or it failed */
  private async liveRecords(cluster: string, namespace?: string): Promise<RecordMeta[] | undefined> {
    if (!this.d.watch) return undefined;
    await this.d.watch.ready(cluster);
    return this.d.watch.records(cluster, namespace);
  }

  private row(cluster: string, r: RecordMeta, info: ChartInfo | undefined = this.charts.get(cluster, r.uid, r.resourceVersion)): HelmReleaseRow {
    return {
      ...(info ? {} : { chartPending: true }),
      cluster,
      namespace: r.namespace,
      name: r.name,
      revision: r.version,
      status: r.status,
      driver: r.driver,
      ...(info?.chart ? { chart: info.chart } : {}),
      ...(info?.chartVersion ? { chartVersion: info.chartVersion } : {}),
      ...(info?.appVersion ? { appVersion: info.appVersion } : {}),
      ...(info?.updated || r.time ? { updated: info?.updated ?? r.time } : {}),
    };
  }

  private async fillChartsBounded(cluster: string, client: K8sClient, recs: RecordMeta[]): Promise<void> {
    if (recs.every((r) => this.charts.get(cluster, r.uid, r.resourceVersion))) return;
    let run = this.filling.get(cluster);
    if (!run) {
      run = this.fillCharts(cluster, client, recs)
        .catch((e: Error) => this.d.logger.warn({ cluster, err: e.message }, 'helm chart columns could not be read'))
        .finally(() => this.filling.delete(cluster));
      this.filling.set(cluster, run);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run, new Promise<void>((r) => (timer = setTimeout(r, CHART_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** Decodes the records whose chart columns are not cached yet (the service's view; only chart metadata is kept). */
  private async fillCharts(cluster: string, client: K8sClient, recs: RecordMeta[]): Promise<void> {
    const missing = recs.filter((r) => !this.charts.get(cluster, r.uid, r.resourceVersion));
    if (!missing.length) return;
    const want = new Map(missing.map((r) => [r.uid, r]));
    const remember = (driver: Driver, item: RecordItem) => {
      const m = recordOf(driver, item.metadata);
      if (!m || !want.has(m.uid)) return;
      try {
        this.charts.set(cluster, m.uid, m.resourceVersion, chartInfoOf(decodeRelease(payloadOf(driver, item.data))));
      } catch (e) {
        this.d.logger.warn({ cluster, namespace: m.namespace, record: m.object, err: (e as Error).message }, 'helm record could not be decoded');
        this.charts.set(cluster, m.uid, m.resourceVersion, {});
      }
      want.delete(m.uid);
    };
    if (missing.length > BULK_THRESHOLD) {
      for (const driver of new Set(missing.map((r) => r.driver))) {
        // the latest record of a release is never superseded: this list is about one record per release
        const path = resourcePath({ group: '', version: 'v1', resource: driverResource(driver) }) + queryString({ labelSelector: 'owner=helm,status!=superseded' });
        try {
          const list = await client.request<{ items?: RecordItem[] }>({ path });
          for (const it of list.items ?? []) remember(driver, it);
        } catch (e) {
          if (!(e instanceof K8sApiError && e.status === 403)) throw e;
        }
      }
    }
    await mapLimit([...want.values()], 8, async (r) => {
      try {
        const s = await readRecord(client, r);
        this.charts.set(cluster, s.meta.uid, s.meta.resourceVersion, chartInfoOf(s.release));
      } catch (e) {
        if (!(e instanceof K8sApiError)) this.charts.set(cluster, r.uid, r.resourceVersion, {});
      }
    });
  }

  /** The records' metadata of one release (404 when it has none), checked against the person's list access. */
  async records(cluster: string, identity: Identity, namespace: string, name: string): Promise<RecordMeta[]> {
    const may = await this.mayList(identity, cluster, namespace);
    if (!may.allowed) throw forbidden(may.reason, cluster);
    const recs = (await listRecordMeta(this.service(cluster), { namespace, name })).sort((a, b) => a.version - b.version);
    if (!recs.length) throw notFound(`release: not found: no Helm release "${name}" in namespace ${namespace}`, cluster);
    return recs;
  }

  /** Decoded records as the person; a 403 becomes `restricted` with the reason. */
  async readAsPerson(cluster: string, identity: Identity, namespace: string, name: string, driver: Driver): Promise<StoredRelease[] | { restricted: string }> {
    const client = this.service(cluster).as(identity);
    try {
      return await readReleaseRecords(client, namespace, name, [driver]);
    } catch (e) {
      if (e instanceof K8sApiError && e.status === 403) {
        const check = { verb: 'list' as const, group: '', resource: driverResource(driver), namespace };
        const v = await this.d.access.can(identity, cluster, check);
        return { restricted: `values, manifests and notes are kept in ${driverResource(driver)}: ${v.reason ?? deniedReason(check)}` };
      }
      throw e;
    }
  }

  async detail(cluster: string, identity: Identity, namespace: string, name: string): Promise<HelmDetailResponse> {
    const recs = await this.records(cluster, identity, namespace, name);
    const latest = recs[recs.length - 1]!;
    const read = await this.readAsPerson(cluster, identity, namespace, name, latest.driver);
    if ('restricted' in read) {
      return {
        release: this.row(cluster, latest),
        history: recs.map((r) => ({ revision: r.version, status: r.status, ...(r.time ? { updated: r.time } : {}) })),
        restricted: read.restricted,
      };
    }
    const byVersion = new Map(read.map((s) => [s.release.version, s]));
    const history: HelmRevision[] = recs.map((r) => {
      const s = byVersion.get(r.version);
      const info = s ? chartInfoOf(s.release) : undefined;
      if (s) this.charts.set(cluster, s.meta.uid, s.meta.resourceVersion, info!);
      return { revision: r.version, status: r.status, ...(info ?? {}), ...(info?.updated ? {} : r.time ? { updated: r.time } : {}) };
    });
    const cur = byVersion.get(latest.version);
    return {
      release: this.row(cluster, latest, cur ? chartInfoOf(cur.release) : undefined),
      history,
      ...(cur ? { current: await this.content(cluster, cur.release) } : {}),
    };
  }

  async revision(cluster: string, identity: Identity, namespace: string, name: string, revision: number): Promise<HelmRevisionContent> {
    const recs = await this.records(cluster, identity, namespace, name);
    const rec = recs.find((r) => r.version === revision);
    if (!rec) throw notFound(`release: not found: "${name}" has no revision ${revision}`, cluster);
    try {
      const s = await readRecord(this.service(cluster).as(identity), rec);
      return await this.content(cluster, s.release);
    } catch (e) {
      if (e instanceof K8sApiError && e.status === 403) {
        const check = { verb: 'get' as const, group: '', resource: driverResource(rec.driver), namespace };
        const v = await this.d.access.can(identity, cluster, check);
        throw forbidden(`values, manifests and notes are kept in ${driverResource(rec.driver)}: ${v.reason ?? deniedReason(check)}`, cluster);
      }
      throw e;
    }
  }

  async content(cluster: string, rel: HelmRelease): Promise<HelmRevisionContent> {
    const discovery = await this.d.discovery.all(cluster).catch(() => []);
    const objs = resolveObjects(splitManifest(rel.manifest), discovery, rel.namespace ?? '');
    return {
      revision: rel.version,
      values: valuesYaml(rel.config),
      computedValues: valuesYaml(coalesceValues(rel.chart?.values ?? undefined, rel.config ?? undefined)),
      manifest: rel.manifest ?? '',
      notes: rel.info?.notes ?? '',
      hooks: (rel.hooks ?? []).map((h) => ({
        name: h.name ?? '',
        kind: h.kind ?? '',
        path: h.path ?? '',
        events: h.events ?? [],
        weight: h.weight ?? 0,
        deletePolicies: h.delete_policies ?? [],
        ...(h.last_run?.phase ? { lastRun: { phase: h.last_run.phase, ...(h.last_run.started_at && !h.last_run.started_at.startsWith('0001-') ? { startedAt: h.last_run.started_at } : {}), ...(h.last_run.completed_at && !h.last_run.completed_at.startsWith('0001-') ? { completedAt: h.last_run.completed_at } : {}) } } : {}),
      })),
      resources: objs.map((o) => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.name,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        ...(o.info ? { group: o.info.group, version: o.info.version, resource: o.info.resource } : {}),
      })),
    };
  }
}
