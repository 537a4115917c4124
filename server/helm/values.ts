/**
 * Values as `helm get values` shows them: the user-supplied ones (release.config) and, with --all, those
 * coalesced over the chart's defaults (chartutil.CoalesceValues): user values win, maps merge key by key, and
 * a user-supplied null removes the chart's default.
 */
import { stringify } from 'yaml';

type Values = Record<string, unknown>;
const isMap = (v: unknown): v is Values => v !== null && typeof v === 'object' && !Array.isArray(v);

export function coalesceValues(defaults: Values | null | undefined, user: Values | null | undefined): Values {
  const out: Values = {};
  const d = defaults ?? {};
  const u = user ?? {};
  for (const k of new Set([...Object.keys(d), ...Object.keys(u)])) {
    const has = Object.prototype.hasOwnProperty.call(u, k);
    const uv = u[k];
    if (has && uv === null) continue;
    if (!has) out[k] = d[k];
    else if (isMap(uv) && isMap(d[k])) out[k] = coalesceValues(d[k] as Values, uv);
    else out[k] = uv;
  }
  return out;
}

/** YAML the way the UI shows it; an empty map is "{}" like `helm get values` prints "null"-free output. */
export function valuesYaml(v: Values | null | undefined): string {
  if (!v || Object.keys(v).length === 0) return '{}\n';
  return stringify(v, { sortMapEntries: true, lineWidth: 0 });
}
