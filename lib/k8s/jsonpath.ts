/**
 * The JSONPath subset CRD additionalPrinterColumns use in practice: `.a.b`, `['dotted.key']`, `[0]`, `[-1]`,
 * `[*]`, and filters `[?(@.type=="Ready")]` (==, != against a string/number/bool literal, or bare `@.x` for
 * existence). Anything else is a parse error reported as null rather than thrown, so one bad column cannot break
 * a table. Braces `{...}` around the expression (kubectl's template form) are accepted.
 */
type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'all' }
  | { t: 'filter'; path: string[]; op: '==' | '!=' | 'exists'; value?: unknown };

const cache = new Map<string, Step[] | null>();

export function parseJsonPath(expr: string): Step[] | null {
  const hit = cache.get(expr);
  if (hit !== undefined) return hit;
  let steps: Step[] | null;
  try {
    steps = parse(expr);
  } catch {
    steps = null;
  }
  if (cache.size > 500) cache.clear();
  cache.set(expr, steps);
  return steps;
}

function parse(raw: string): Step[] {
  let s = raw.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      i++;
      if (s[i] === '*') {
        steps.push({ t: 'all' });
        i++;
        continue;
      }
      const m = /^[A-Za-z0-9_-]+/.exec(s.slice(i));
      if (!m) throw new Error(`bad field at ${i}`);
      steps.push({ t: 'field', name: m[0] });
      i += m[0].length;
    } else if (c === '[') {
      const close = matchBracket(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ t: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ t: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1).trim()));
      else throw new Error(`unsupported [${inner}]`);
    } else throw new Error(`unexpected ${c} at ${i}`);
  }
  return steps;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new Error('unclosed [');
}

function parseFilter(expr: string): Step {
  const m = /^@((?:\.[A-Za-z0-9_-]+)+)\s*(?:(==|!=)\s*(.+))?$/.exec(expr);
  if (!m) throw new Error(`unsupported filter ${expr}`);
  const path = m[1].split('.').filter(Boolean);
  if (!m[2]) return { t: 'filter', path, op: 'exists' };
  const lit = m[3].trim();
  let value: unknown;
  if (/^'.*'$|^".*"$/.test(lit)) value = lit.slice(1, -1);
  else if (lit === 'true' || lit === 'false') value = lit === 'true';
  else if (!Number.isNaN(Number(lit))) value = Number(lit);
  else throw new Error(`bad literal ${lit}`);
  return { t: 'filter', path, op: m[2] as '==' | '!=', value };
}

function get(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** All values the path selects (kubectl prints them joined by spaces; printer columns take the first). */
export function evalJsonPath(obj: unknown, expr: string): unknown[] | null {
  const steps = parseJsonPath(expr);
  if (!steps) return null;
  let cur: unknown[] = [obj];
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue;
      if (st.t === 'field') {
        if (typeof v === 'object' && !Array.isArray(v) && st.name in (v as object)) next.push((v as Record<string, unknown>)[st.name]);
      } else if (st.t === 'index') {
        if (Array.isArray(v)) {
          const idx = st.i < 0 ? v.length + st.i : st.i;
          if (idx >= 0 && idx < v.length) next.push(v[idx]);
        }
      } else if (st.t === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === 'object') next.push(...Object.values(v as object));
      } else if (Array.isArray(v)) {
        for (const el of v) {
          const x = get(el, st.path);
          const ok = st.op === 'exists' ? x !== undefined : st.op === '==' ? x === st.value : x !== st.value;
          if (ok) next.push(el);
        }
      }
    }
    cur = next;
  }
  return cur;
}
