/**
 * Kubernetes label selectors (the string form of ?labelSelector=), for filtering shared informers per
 * subscriber: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated (AND).
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Labels = Record<string, string> | undefined;

const keyRe = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const valueRe = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$/;

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function checkKey(k: string): string {
  if (!keyRe.test(k) || k.length > 317) throw new Error(`invalid label key "${k}"`);
  return k;
}

function checkValue(v: string): string {
  if (!valueRe.test(v) || v.length > 63) throw new Error(`invalid label value "${v}"`);
  return v;
}

/** Throws Error with a readable message when the selector is malformed. */
export function parseLabelSelector(sel: string): Requirement[] {
  const reqs: Requirement[] = [];
  if (!sel.trim()) return reqs;
  for (const raw of splitTop(sel)) {
    const part = raw.trim();
    if (!part) throw new Error('empty requirement in label selector');
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const values = m[3].split(',').map((v) => checkValue(v.trim()));
      reqs.push({ key: checkKey(m[1]), op: m[2] as 'in' | 'notin', values });
    } else if ((m = part.match(/^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/))) {
      reqs.push({ key: checkKey(m[1]), op: m[2] === '!=' ? 'notin' : 'in', values: [checkValue(m[3])] });
    } else if ((m = part.match(/^!\s*(\S+)$/))) {
      reqs.push({ key: checkKey(m[1]), op: '!exists' });
    } else if (keyRe.test(part)) {
      reqs.push({ key: part, op: 'exists' });
    } else {
      throw new Error(`unable to parse requirement "${part}"`);
    }
  }
  return reqs;
}

export function matchesSelector(reqs: Requirement[], labels: Labels): boolean {
  for (const r of reqs) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(labels![r.key])) return false;
        break;
      case 'notin':
        if (has && r.values.includes(labels![r.key])) return false;
        break;
    }
  }
  return true;
}
