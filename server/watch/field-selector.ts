/**
 * Kubernetes field selectors (the string form of ?fieldSelector=) for filtering a SHARED informer per
 * subscriber, e.g. a detail page watching one object: `metadata.name=<name>`, `metadata.namespace=<ns>`,
 * with `=`, `==` or `!=`, comma-separated (AND). Only those two fields are supported — both are fixed for an
 * object's lifetime, so a field-selected view is a static filter (an object enters with ADDED and leaves with
 * DELETED, never by MODIFIED). Anything else is refused with a readable message rather than ignored.
 */
export const SUPPORTED_FIELDS = ['metadata.name', 'metadata.namespace'] as const;
type Field = (typeof SUPPORTED_FIELDS)[number];

export interface FieldRequirement {
  field: Field;
  op: '=' | '!=';
  value: string;
}

interface Named {
  metadata: { name: string; namespace?: string };
}

/** Throws Error with a readable message when the selector is malformed or uses an unsupported field. */
export function parseFieldSelector(sel: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  if (!sel.trim()) return reqs;
  for (const raw of sel.split(',')) {
    const part = raw.trim();
    if (!part) throw new Error('empty requirement in field selector');
    const m = part.match(/^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/);
    if (!m) throw new Error(`unable to parse requirement "${part}" (expected <field>=<value>, <field>==<value> or <field>!=<value>)`);
    const field = m[1] as Field;
    if (!SUPPORTED_FIELDS.includes(field)) throw new Error(`field "${m[1]}" is not supported (supported: ${SUPPORTED_FIELDS.join(', ')})`);
    if (m[3].length > 253 || !/^[a-zA-Z0-9_.:-]*$/.test(m[3])) throw new Error(`invalid value "${m[3]}" for ${field}`);
    reqs.push({ field, op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return reqs;
}

export function matchesFields(reqs: readonly FieldRequirement[], o: Named): boolean {
  for (const r of reqs) {
    const v = r.field === 'metadata.name' ? o.metadata.name : (o.metadata.namespace ?? '');
    if ((v === r.value) !== (r.op === '=')) return false;
  }
  return true;
}

/** One spelling per meaning (order and `==` vs `=` do not matter), so equal selectors share a view. */
export function canonicalFieldSelector(reqs: readonly FieldRequirement[]): string {
  return reqs
    .map((r) => `${r.field}${r.op}${r.value}`)
    .sort()
    .join(',');
}
