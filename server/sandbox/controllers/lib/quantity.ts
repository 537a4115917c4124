/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** resource.Quantity parsing/formatting for the handful of forms the simulation needs. */

const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity into base units (cores for cpu, bytes for memory). Unparseable → 0. */
export function parseQuantity(q: string | number | undefined | null): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const suf = m[2] ?? '';
  if (suf in BIN) return n * BIN[suf]!;
  if (suf in DEC) return n * DEC[suf]!;
  return 0;
}

/** cpu cores → "123m" (metrics-server style: millicores, or nanocores below 1m) */
export function formatCpu(cores: number): string {
  const m = Math.round(cores * 1000);
  if (m >= 1) return `${m}m`;
  return `${Math.max(0, Math.round(cores * 1e9))}n`;
}

/** bytes → "123Ki" (metrics-server reports Ki) */
export function formatMemory(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024))}Ki`;
}

/** Sum of container requests (cpu cores, memory bytes) of a pod spec: max(init) vs sum(app), as the scheduler does. */
export function podRequests(spec: any): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  for (const c of spec?.containers ?? []) {
    sum.cpu += parseQuantity(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu);
    sum.memory += parseQuantity(c.resources?.requests?.memory ?? c.resources?.limits?.memory);
  }
  for (const c of spec?.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, parseQuantity(c.resources?.requests?.cpu));
    sum.memory = Math.max(sum.memory, parseQuantity(c.resources?.requests?.memory));
  }
  return sum;
}
