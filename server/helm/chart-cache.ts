/**
 * Chart name, chart version, app version and deploy time of a release record, which helm's labels do not carry:
 * decoded once per record on the server and kept by (cluster, uid) while the record's resourceVersion stays the
 * same (a record is rewritten only when its status changes). Bounded: the oldest entries go first.
 */
import type { HelmRelease } from './codec';

export interface ChartInfo {
  chart?: string;
  chartVersion?: string;
  appVersion?: string;
  updated?: string;
  description?: string;
}

export function chartInfoOf(rel: HelmRelease): ChartInfo {
  const m = rel.chart?.metadata ?? {};
  const last = rel.info?.last_deployed;
  return {
    ...(m.name ? { chart: String(m.name) } : {}),
    ...(m.version ? { chartVersion: String(m.version) } : {}),
    ...(m.appVersion ? { appVersion: String(m.appVersion) } : {}),
    ...(last && !last.startsWith('0001-') ? { updated: new Date(last).toISOString() } : {}),
    ...(rel.info?.description ? { description: rel.info.description } : {}),
  };
}

export class ChartCache {
  private map = new Map<string, { rv: string; info: ChartInfo }>();
  constructor(private readonly max = 50_000) {}

  get(cluster: string, uid: string, rv: string): ChartInfo | undefined {
    const e = this.map.get(`${cluster}/${uid}`);
    return e && e.rv === rv ? e.info : undefined;
  }

  set(cluster: string, uid: string, rv: string, info: ChartInfo): void {
    const key = `${cluster}/${uid}`;
    this.map.delete(key);
    this.map.set(key, { rv, info });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}
