/**
 * Kubelet log timestamps (RFC3339Nano, `timestamps=true`). The kubelet trims trailing zeros of the fraction,
 * so raw strings do not sort; `tsKey` pads them to a fixed 9-digit form that sorts lexicographically.
 * sinceTime is only second-precise on a real API server, hence `sinceTimeFor` floors to the second and
 * the resume cursor (lib/k8s/machinery/log-resume-cursor.ts) drops what was already seen.
 */

const TS_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Comparable key "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" (UTC); undefined when not a timestamp. */
export function tsKey(ts: string): string | undefined {
  const m = TS_RE.exec(ts);
  if (!m) return undefined;
  let base = m[1]!;
  if (m[3] !== 'Z') {
    const ms = Date.parse(`${m[1]}${m[3]}`);
    if (Number.isNaN(ms)) return undefined;
    base = new Date(ms).toISOString().slice(0, 19);
  }
  return `${base}.${(m[2] ?? '').padEnd(9, '0')}Z`;
}

/** Splits "<ts> <text>" as written with timestamps=true; lines without a valid prefix keep ts ''. */
export function splitTimestamp(line: string): { ts: string; text: string } {
  const sp = line.indexOf(' ');
  if (sp > 0 && sp <= 40) {
    const key = tsKey(line.slice(0, sp));
    if (key) return { ts: key, text: line.slice(sp + 1) };
  }
  return { ts: '', text: line };
}

/** sinceTime for a resume after a line with key `ts`: floored to the second (RFC3339). */
export function sinceTimeFor(ts: string): string {
  return `${ts.slice(0, 19)}Z`;
}

/** Short local display form (HH:MM:SS.mmm) of a key. */
export function displayTime(ts: string): string {
  return ts ? ts.slice(11, 23) : '';
}
