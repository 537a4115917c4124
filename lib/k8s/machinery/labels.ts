/**
 * Label selectors, one implementation for the sandbox's API server, the BFF's watch filters and the UI
 * (the role of k8s.io/apimachinery/pkg/labels and metav1.LabelSelector helpers):
 * - parseSelector: the string form of ?labelSelector= (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
 *   `a`, `!a`, `a>3`, `a<3`, comma = AND), strict like upstream's parser (a trailing comma, an empty set or a
 *   bad key is an error, with upstream's message text);
 * - requirementsFromLabelSelector / labelSelectorToString: metav1.LabelSelector (matchLabels and
 *   matchExpressions) and its string form, requirements sorted by key and set values sorted, as upstream's
 *   Selector.String() prints them (what `kubectl get -o wide` and scale.status.selector show);
 * - matchesLabelSelector: a missing selector matches nothing, an empty one everything (LabelSelectorAsSelector).
 */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Operator;
  /** one value for = and !=, the set for in/notin, one integer for gt/lt, none for exists and ! */
  values: string[];
}

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** metav1.LabelSelector (structurally, so kubernetes-types' type and plain JSON both fit). */
export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: readonly LabelSelectorRequirement[] | null;
}
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: readonly string[] | null;
}

/** A malformed selector; the message is the API server's. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

const KEY_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const KEY_RE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isValidLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  return KEY_RE.test(key) && name.length <= 63 && (slash < 0 || slash <= 253);
}

export function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && VALUE_RE.test(v);
}

function checkKey(key: string): void {
  if (!isValidLabelKey(key)) {
    throw new SelectorError(
      `unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${KEY_NAME}')`,
    );
  }
}

function checkValue(v: string, i: number): void {
  if (!isValidLabelValue(v)) {
    throw new SelectorError(
      `unable to parse requirement: values[${i}][${v}]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
}

/** Splits at top-level commas (commas inside "in (a,b)" belong to the value set). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function parseRequirement(part: string): Requirement {
  let m: RegExpMatchArray | null;
  if ((m = part.match(/^(\S+)\s+(in|notin)\s*\((.*)\)$/))) {
    checkKey(m[1]);
    if (!m[3].trim()) throw new SelectorError(`unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`);
    const values = m[3].split(',').map((v) => v.trim());
    values.forEach(checkValue);
    return { key: m[1], op: m[2] as 'in' | 'notin', values: [...new Set(values)] };
  }
  if ((m = part.match(/^([^=!<>\s(),]+)\s*(==|=|!=)\s*([^\s(),=!]*)$/))) {
    checkKey(m[1]);
    checkValue(m[3], 0);
    return { key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] };
  }
  if ((m = part.match(/^([^=!<>\s(),]+)\s*([<>])\s*(-?\d+)$/))) {
    checkKey(m[1]);
    return { key: m[1], op: m[2] === '>' ? 'gt' : 'lt', values: [m[3]] };
  }
  if ((m = part.match(/^!\s*([^=!<>\s(),]+)$/))) {
    checkKey(m[1]);
    return { key: m[1], op: '!', values: [] };
  }
  if (/^[^=!<>\s(),]+$/.test(part)) {
    checkKey(part);
    return { key: part, op: 'exists', values: [] };
  }
  throw new SelectorError(`unable to parse requirement: found '${part}', expected: identifier`);
}

/** The requirements of a selector string; '' (or only blanks) selects everything. Throws SelectorError. */
export function parseSelector(sel: string | undefined | null): Requirement[] {
  if (!sel || !sel.trim()) return [];
  return splitTop(sel).map((part) => {
    if (!part) throw new SelectorError(`found '', expected: identifier after ','`);
    return parseRequirement(part);
  });
}

const INT_RE = /^[+-]?\d+$/;

function matchesOne(r: Requirement, labels: Labels): boolean {
  const has = !!labels && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case 'in':
      return has && r.values.includes(v!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v!);
    case 'gt':
    case 'lt': {
      if (!has || !INT_RE.test(v!) || !INT_RE.test(r.values[0] ?? '')) return false;
      const n = Number(v);
      const bound = Number(r.values[0]);
      return r.op === 'gt' ? n > bound : n < bound;
    }
  }
}

/** true when the labels satisfy every requirement (an empty list matches everything). */
export function matchesRequirements(reqs: readonly Requirement[], labels: Labels): boolean {
  for (const r of reqs) if (!matchesOne(r, labels)) return false;
  return true;
}

/** Parses once into a predicate for hot paths (list filters run it on every object). */
export function compileSelector(sel: string | undefined | null): ((labels: Labels) => boolean) | undefined {
  const reqs = parseSelector(sel);
  if (reqs.length === 0) return undefined;
  return (labels) => matchesRequirements(reqs, labels);
}

function requirementString(r: Requirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case '=':
    case '!=':
      return `${r.key}${r.op}${r.values[0] ?? ''}`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${[...new Set(r.values)].sort().join(',')})`;
  }
}

/** Upstream Selector.String(): requirements sorted by key (stable), set values sorted. */
export function requirementsToString(reqs: readonly Requirement[]): string {
  return [...reqs]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(requirementString)
    .join(',');
}

const OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/**
 * metav1.LabelSelector → requirements. A plain map (a Service's or ReplicationController's selector) counts as
 * matchLabels. Unknown operators throw, as LabelSelectorAsSelector errors on them.
 */
export function requirementsFromLabelSelector(sel: LabelSelector | Readonly<Record<string, string>>): Requirement[] {
  const ls = sel as LabelSelector;
  const isLs = 'matchLabels' in ls || 'matchExpressions' in ls;
  const map = (isLs ? ls.matchLabels : (sel as Record<string, string>)) ?? {};
  const reqs: Requirement[] = Object.entries(map).map(([key, v]) => ({ key, op: '=', values: [v] }));
  for (const e of (isLs ? ls.matchExpressions : undefined) ?? []) {
    const op = OPS[e.operator];
    if (!op) throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, op, values: [...(e.values ?? [])] });
  }
  return reqs;
}

/**
 * String form of a LabelSelector (or a plain map) for ?labelSelector= and printed columns: '' for a missing or
 * empty selector (callers print '<none>' where kubectl does).
 */
export function labelSelectorToString(sel: LabelSelector | Readonly<Record<string, string>> | undefined | null): string {
  if (!sel || typeof sel !== 'object') return '';
  return requirementsToString(requirementsFromLabelSelector(sel));
}

/** LabelSelectorAsSelector semantics: a missing selector matches nothing, an empty one matches everything. */
export function matchesLabelSelector(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!sel) return false;
  return matchesRequirements(requirementsFromLabelSelector(sel), labels);
}

/** A Service-style map selector: a missing or empty map selects nothing (such Services have no endpoints). */
export function matchesMapSelector(sel: Readonly<Record<string, string>> | undefined | null, labels: Labels): boolean {
  if (!sel || Object.keys(sel).length === 0) return false;
  return matchesRequirements(requirementsFromLabelSelector(sel), labels);
}

/** labels.FormatLabels: "k=v" pairs sorted by key, '<none>' for none (kubectl's LABELS and NODE SELECTOR). */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}
