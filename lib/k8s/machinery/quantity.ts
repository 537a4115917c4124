/**
 * resource.Quantity as plain numbers in base units (cores for cpu, bytes for memory, a count for pods): the one
 * parser for the sandbox's scheduler, quota and HPA, the BFF's cluster summary and the UI's usage bars.
 *
 * Bad input is null, never 0: an absent or malformed quantity is "unknown", and only the caller knows whether
 * unknown counts as nothing (a sum over pods: `?? 0`) or must stay visible (a usage bar with no capacity).
 * float64 precision is enough for every use here (percentages, sums of requests, HPA ratios).
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// upstream's grammar: sign, digits with at most one '.', then a binary or decimal SI suffix or an exponent
const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** The quantity's value in base units, or null when it is absent, malformed or not finite. */
export function parseQuantity(q: string | number | undefined | null): number | null {
  if (q === undefined || q === null) return null;
  if (typeof q === 'number') return Number.isFinite(q) ? q : null;
  if (typeof q !== 'string') return null;
  const m = QUANTITY_RE.exec(q.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const v = m[2] ? n * 10 ** Number(m[2].slice(1)) : n * (BINARY[m[3] ?? ''] ?? DECIMAL[m[3] ?? '']);
  return Number.isFinite(v) ? v : null;
}

const specQuantities = new Map<string, number | null>();
const SPEC_QUANTITIES_MAX = 4096;

/**
 * parseQuantity for quantities written in specs (requests, limits, allocatable): a cluster has a handful of
 * distinct ones ("100m", "128Mi") repeated on every pod, and parsing each with the regular expression was a
 * sixth of a 50,000-pod list's row projection. Remembers up to 4,096 strings (then starts over, so odd input
 * cannot grow it). Not for measured usage, whose strings rarely repeat.
 */
export function parseSpecQuantity(q: string | number | undefined | null): number | null {
  if (typeof q !== 'string') return parseQuantity(q);
  const hit = specQuantities.get(q);
  if (hit !== undefined) return hit;
  if (specQuantities.size >= SPEC_QUANTITIES_MAX) specQuantities.clear();
  const v = parseQuantity(q);
  specQuantities.set(q, v);
  return v;
}

/** Whether a string or number is a well-formed quantity (what API validation accepts). */
export function isQuantity(q: unknown): boolean {
  return (typeof q === 'string' || typeof q === 'number') && parseQuantity(q) !== null;
}

/** CPU as metrics-server writes it: millicores, or nanocores below 1m. */
export function cpuQuantity(cores: number): string {
  const m = Math.round(cores * 1000);
  if (m >= 1) return `${m}m`;
  return `${Math.max(0, Math.round(cores * 1e9))}n`;
}

/** Memory as metrics-server writes it: whole Ki. */
export function memoryQuantity(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024))}Ki`;
}

/** CPU cores as `kubectl top` prints them: millicores below one core ("250m"), else cores ("1.5"); '' for unknown. */
export function formatCpu(cores: number | null): string {
  if (cores === null || !Number.isFinite(cores)) return '';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return `${Number(cores.toFixed(2))}`;
}

/** Bytes with kubectl's binary suffixes (Ki, Mi, Gi …), like `kubectl top`; '' for unknown. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(i === 0 ? 0 : 1))}${units[i]}`;
}

/** The quantity's value, with unknown counted as nothing: for sums and figures where 0 is the right default. */
export function quantityOrZero(q: string | number | undefined | null): number {
  return parseQuantity(q) ?? 0;
}
