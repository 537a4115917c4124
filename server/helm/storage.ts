/**
 * Helm's storage drivers over the Kubernetes API (pkg/storage/driver/secrets.go and cfgmaps.go): one record per
 * revision, a Secret of type helm.sh/release.v1 (or a ConfigMap) named sh.helm.release.v1.<name>.v<rev> with the
 * labels owner=helm, name, status, version and createdAt (on create) / modifiedAt (on update; helm replaces the
 * labels wholesale, so createdAt is gone after an update: we do the same).
 * Listing is metadata-only (PartialObjectMetadataList): labels are all a list needs, payloads stay in the cluster.
 */
import type { K8sClient } from '../k8s/client';
import { K8sApiError } from '../k8s/errors';
import { queryString, resourcePath } from '../k8s/paths';
import { decodeRelease, payloadOf, recordData, recordName, type HelmRelease } from './codec';

export type Driver = 'secret' | 'configmap';
export const DRIVERS: readonly Driver[] = ['secret', 'configmap'];
const RESOURCE: Record<Driver, string> = { secret: 'secrets', configmap: 'configmaps' };
export const SECRET_TYPE = 'helm.sh/release.v1';
const META_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const PAGE = 2_000;

/** one revision's record, as its labels describe it */
export interface RecordMeta {
  driver: Driver;
  namespace: string;
  /** the Secret/ConfigMap name */
  object: string;
  uid: string;
  resourceVersion: string;
  name: string;
  version: number;
  status: string;
  /** unix seconds from the createdAt/modifiedAt label, else the creation time, as ISO */
  time?: string;
}

interface MetaItem {
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; creationTimestamp?: string };
}

export function recordOf(driver: Driver, m: MetaItem['metadata']): RecordMeta | undefined {
  const l = m.labels ?? {};
  const version = Number(l.version);
  if (l.owner !== 'helm' || !l.name || !Number.isInteger(version) || version < 1 || !m.namespace) return undefined;
  const unix = Number(l.modifiedAt ?? l.createdAt);
  const time = Number.isFinite(unix) && unix > 0 ? new Date(unix * 1000).toISOString() : m.creationTimestamp;
  return { driver, namespace: m.namespace, object: m.name, uid: m.uid ?? '', resourceVersion: m.resourceVersion ?? '', name: l.name, version, status: l.status ?? 'unknown', time };
}

function selector(name?: string): string {
  return name ? `owner=helm,name=${name}` : 'owner=helm';
}

/** Metadata of every record (both drivers) in a namespace or the whole cluster; optionally of one release. */
export async function listRecordMeta(client: K8sClient, o: { namespace?: string; name?: string; drivers?: readonly Driver[] } = {}): Promise<RecordMeta[]> {
  const out: RecordMeta[] = [];
  await Promise.all(
    (o.drivers ?? DRIVERS).map(async (driver) => {
      let cont: string | undefined;
      do {
        const path = resourcePath({ group: '', version: 'v1', resource: RESOURCE[driver], namespace: o.namespace }) + queryString({ labelSelector: selector(o.name), limit: PAGE, continue: cont });
        const list = await client.request<{ items?: MetaItem[]; metadata?: { continue?: string } }>({ path, accept: META_LIST });
        for (const it of list.items ?? []) {
          const r = recordOf(driver, it.metadata);
          if (r) out.push(r);
        }
        cont = list.metadata?.continue || undefined;
      } while (cont);
    }),
  );
  return out;
}

export interface StoredRelease {
  meta: RecordMeta;
  release: HelmRelease;
}

interface FullItem extends MetaItem {
  data?: Record<string, string>;
}

/** Every record of one release, decoded (needs get/list on the records: values and manifests are in them). */
export async function readReleaseRecords(client: K8sClient, namespace: string, name: string, drivers: readonly Driver[] = DRIVERS): Promise<StoredRelease[]> {
  const out: StoredRelease[] = [];
  for (const driver of drivers) {
    const path = resourcePath({ group: '', version: 'v1', resource: RESOURCE[driver], namespace }) + queryString({ labelSelector: selector(name) });
    const list = await client.request<{ items?: FullItem[] }>({ path });
    for (const it of list.items ?? []) {
      const meta = recordOf(driver, it.metadata);
      if (!meta) continue;
      out.push({ meta, release: decodeRelease(payloadOf(driver, it.data)) });
    }
  }
  return out.sort((a, b) => a.release.version - b.release.version);
}

/** One record, decoded. */
export async function readRecord(client: K8sClient, meta: Pick<RecordMeta, 'driver' | 'namespace' | 'object'>): Promise<StoredRelease> {
  const it = await client.request<FullItem>({ path: resourcePath({ group: '', version: 'v1', resource: RESOURCE[meta.driver], namespace: meta.namespace, name: meta.object }) });
  const m = recordOf(meta.driver, it.metadata);
  if (!m) throw new K8sApiError({ status: 422, reason: 'Invalid', message: `${meta.object} is not a Helm release record`, cluster: client.cluster });
  return { meta: m, release: decodeRelease(payloadOf(meta.driver, it.data)) };
}

function recordObject(driver: Driver, rel: HelmRelease, namespace: string, timeLabel: 'createdAt' | 'modifiedAt', now: Date, resourceVersion?: string) {
  const labels = {
    [timeLabel]: String(Math.floor(now.getTime() / 1000)),
    name: rel.name,
    owner: 'helm',
    status: String(rel.info?.status ?? 'unknown'),
    version: String(rel.version),
  };
  const metadata = { name: recordName(rel.name, rel.version), namespace, labels, ...(resourceVersion ? { resourceVersion } : {}) };
  return driver === 'secret'
    ? { apiVersion: 'v1', kind: 'Secret', metadata, type: SECRET_TYPE, data: recordData(driver, rel) }
    : { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: recordData(driver, rel) };
}

/** Driver.Create: a 409 when the revision exists already (helm's ErrReleaseExists). */
export async function createRecord(client: K8sClient, driver: Driver, rel: HelmRelease, namespace: string, now: Date): Promise<void> {
  await client.request({ method: 'POST', path: resourcePath({ group: '', version: 'v1', resource: RESOURCE[driver], namespace }), body: recordObject(driver, rel, namespace, 'createdAt', now) });
}

/** Driver.Update; with `resourceVersion` the write is conditional on the record read (helm's is not). */
export async function updateRecord(client: K8sClient, driver: Driver, rel: HelmRelease, namespace: string, now: Date, resourceVersion?: string): Promise<void> {
  const name = recordName(rel.name, rel.version);
  await client.request({ method: 'PUT', path: resourcePath({ group: '', version: 'v1', resource: RESOURCE[driver], namespace, name }), body: recordObject(driver, rel, namespace, 'modifiedAt', now, resourceVersion) });
}

export async function deleteRecord(client: K8sClient, driver: Driver, namespace: string, name: string, version: number): Promise<void> {
  try {
    await client.request({ method: 'DELETE', path: resourcePath({ group: '', version: 'v1', resource: RESOURCE[driver], namespace, name: recordName(name, version) }) });
  } catch (e) {
    if (!(e instanceof K8sApiError && e.status === 404)) throw e;
  }
}

export const driverResource = (d: Driver): string => RESOURCE[d];
