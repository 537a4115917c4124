/**
 * CronJob schedule syntax as robfig/cron's standard parser (what kube-apiserver validates with) checks
 * it: five fields, each a list of `*`, `?`, numbers or names, ranges and steps within the field's bounds.
 * Semantics are not checked, so a date that never comes ("59 23 31 2 *") is valid, as upstream.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
export const CRON_DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(expr)) throw new Error(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function checkRange(expr: string, b: Bounds): void {
  const [rangeAndStep, ...more] = expr.split('/');
  if (more.length > 1) throw new Error(`too many slashes: ${expr}`);
  const lowAndHigh = rangeAndStep.split('-');
  if (lowAndHigh.length > 2) throw new Error(`too many hyphens: ${expr}`);
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    end = lowAndHigh.length === 2 ? parseIntOrName(lowAndHigh[1], b) : start;
  }
  if (more.length === 1) {
    const step = parseIntOrName(more[0], { min: 0, max: 0 });
    if (step <= 0) throw new Error(`step of range should be a positive number: ${expr}`);
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
}

/** robfig's error text for an invalid schedule (after any TZ= prefix), or undefined when it parses. */
export function cronSyntaxError(schedule: string): string | undefined {
  const s = schedule.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  if (CRON_DESCRIPTORS.has(s)) return undefined;
  if (s.startsWith('@every ')) return /^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s) ? undefined : `failed to parse duration ${s}`;
  if (s.startsWith('@')) return `unrecognized descriptor: ${s}`;
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  try {
    fields.forEach((f, i) => f.split(',').forEach((part) => checkRange(part, FIELDS[i])));
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
