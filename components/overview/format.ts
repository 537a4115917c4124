/** Human units for the overview and dashboard (pure, tested). */

/** cores → "250m" below one core, else "1.5" (trailing zeros trimmed). */
export function formatCores(cores: number): string {
  if (!Number.isFinite(cores)) return '-';
  if (cores > 0 && cores < 1) return `${Math.round(cores * 1000)}m`;
  return `${Number(cores.toFixed(cores >= 100 ? 0 : 2))}`;
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
/** bytes → "1.5 GiB" */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(v >= 100 || i === 0 ? 0 : 1))} ${units[i]}`;
}

/** part of whole in [0, 1]; 0 when the whole is 0 */
export function fraction(part: number | undefined, whole: number): number {
  if (part === undefined || !(whole > 0)) return 0;
  return Math.min(1, Math.max(0, part / whole));
}

export const percent = (f: number) => `${Math.round(f * 100)}%`;
