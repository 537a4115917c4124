/**
 * Release records exactly as Helm 3 writes them (pkg/storage/driver/secrets.go, util.go, pkg/release): the
 * release.Release JSON (Go field order and json tags, Go's HTML-safe escaping), gzipped at best compression,
 * base64'd, stored as data.release of a Secret of type helm.sh/release.v1 named sh.helm.release.v1.<name>.v<rev>
 * with the labels name, owner=helm, status, version and createdAt. The sandbox plays Helm here; it cannot use
 * the console's decoder (server/helm), and the golden tests check the two against each other.
 */
import { constants, gzipSync } from 'node:zlib';
import type { KObject } from '../types';

export interface ChartMeta {
  name: string;
  version: string;
  appVersion: string;
  description: string;
}

export interface HookSpec {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  weight: number;
  deletePolicies: string[];
  phase: string;
}

export interface ReleaseRecord {
  name: string;
  namespace: string;
  version: number;
  status: string;
  description: string;
  firstDeployed: Date;
  lastDeployed: Date;
  notes: string;
  chart: ChartMeta;
  templates: Record<string, string>;
  defaults: Record<string, unknown>;
  config: Record<string, unknown>;
  manifest: string;
  hooks: HookSpec[];
}

const goTime = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const goJson = (v: unknown) => JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** release.Release as encoding/json writes it (omitempty fields left out when empty, like Go) */
export function releaseJson(r: ReleaseRecord): string {
  const info = {
    first_deployed: goTime(r.firstDeployed),
    last_deployed: goTime(r.lastDeployed),
    deleted: '0001-01-01T00:00:00Z',
    ...(r.description ? { description: r.description } : {}),
    status: r.status,
    ...(r.notes ? { notes: r.notes } : {}),
  };
  const chart = {
    metadata: { name: r.chart.name, version: r.chart.version, description: r.chart.description, apiVersion: 'v2', appVersion: r.chart.appVersion, type: 'application' },
    lock: null,
    templates: Object.entries(r.templates).map(([name, data]) => ({ name, data: Buffer.from(data).toString('base64') })),
    values: r.defaults,
    schema: null,
    files: [],
  };
  const hooks = r.hooks.map((h) => ({
    name: h.name,
    kind: h.kind,
    path: h.path,
    manifest: h.manifest,
    events: h.events,
    last_run: { started_at: goTime(r.lastDeployed), completed_at: goTime(new Date(r.lastDeployed.getTime() + 4000)), phase: h.phase },
    ...(h.weight ? { weight: h.weight } : {}),
    delete_policies: h.deletePolicies,
  }));
  return goJson({
    name: r.name,
    info,
    chart,
    ...(Object.keys(r.config).length ? { config: r.config } : {}),
    manifest: r.manifest,
    ...(hooks.length ? { hooks } : {}),
    version: r.version,
    namespace: r.namespace,
  });
}

/** helm's encodeRelease */
export function encodeRecord(r: ReleaseRecord): string {
  return gzipSync(Buffer.from(releaseJson(r), 'utf8'), { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

/** helm's newSecretsObject (Create: createdAt label) */
export function releaseSecret(r: ReleaseRecord): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `sh.helm.release.v1.${r.name}.v${r.version}`,
      namespace: r.namespace,
      labels: { createdAt: String(Math.floor(r.lastDeployed.getTime() / 1000)), name: r.name, owner: 'helm', status: r.status, version: String(r.version) },
    },
    type: 'helm.sh/release.v1',
    data: { release: Buffer.from(encodeRecord(r)).toString('base64') },
  };
}
