/**
 * Sets of field paths as server-side apply keeps them, in the FieldsV1 encoding the real apiserver
 * writes into managedFields: `f:<field>`, `k:<json of list-map keys>`, `v:<json value>` for set
 * items, `i:<index>`, and `.` when a node with children is itself a member.
 */
import { isObject } from './json-value';

/** Order of path elements as structured-merge-diff sorts them: fields, keys, values, indexes. */
function rank(pe: string): number {
  return { f: 0, k: 1, v: 2, i: 3 }[pe[0] as 'f' | 'k' | 'v' | 'i'] ?? 4;
}

export function comparePathElements(a: string, b: string): number {
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  child(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) {
      c = new FieldSet();
      this.children.set(pe, c);
    }
    return c;
  }

  isEmpty(): boolean {
    if (this.member) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  /** Drops empty subtrees (walkers create children eagerly). Returns this. */
  prune(): this {
    for (const [k, c] of this.children) {
      c.prune();
      if (c.isEmpty()) this.children.delete(k);
    }
    return this;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    out.member = this.member;
    for (const [k, c] of this.children) out.children.set(k, c.clone());
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    unionInto(out, other);
    return out;
  }

  /** Adds `other`'s members to this set in place (for sets the caller just built). Returns this. */
  mergeFrom(other: FieldSet): this {
    unionInto(this, other);
    return this;
  }

  /** Members of this set that `other` does not have (children are compared path by path). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      out.children.set(k, o ? c.difference(o) : c.clone());
    }
    return out.prune();
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      if (o) out.children.set(k, c.intersection(o));
    }
    return out.prune();
  }

  /** Whether some path is a member of both sets (cheaper than intersection(): no allocation). */
  intersects(other: FieldSet): boolean {
    if (this.member && other.member) return true;
    const small = this.children.size <= other.children.size ? this : other;
    const big = small === this ? other : this;
    for (const [k, c] of small.children) {
      const o = big.children.get(k);
      if (o && c.intersects(o)) return true;
    }
    return false;
  }

  /** Whether every member path of this set is a member of `other`. */
  isSubsetOf(other: FieldSet): boolean {
    if (this.member && !other.member) return false;
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      if (o ? !c.isSubsetOf(o) : !c.isEmpty()) return false;
    }
    return true;
  }

  /** Member paths in set order, each as its list of path elements. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    if (this.member && prefix.length > 0) out.push(prefix);
    for (const k of [...this.children.keys()].sort(comparePathElements)) {
      out.push(...this.children.get(k)!.paths([...prefix, k]));
    }
    return out;
  }

  has(path: string[]): boolean {
    return this.at(path)?.member ?? false;
  }

  /** Subtree at a path (undefined when absent). */
  at(path: string[]): FieldSet | undefined {
    if (path.length === 0) return this;
    return this.children.get(path[0])?.at(path.slice(1));
  }

  /**
   * The FieldsV1 JSON; empty subtrees are skipped (sets are normally pruned already). `freeze`
   * freezes every object of it as it is built (managedFields keeps encodings it can reuse).
   */
  toFieldsV1(freeze = false): Record<string, unknown> {
    if (freeze && this.children.size === 0) return EMPTY;
    const out: Record<string, unknown> = {};
    if (this.children.size > 0) {
      const keys = [...this.children.keys()];
      // sorting before skipping empty children leaves the kept ones in the same (stable) order
      if (keys.length > 1) keys.sort(comparePathElements);
      let dot = this.member;
      for (const k of keys) {
        const c = this.children.get(k)!;
        const v = c.toFieldsV1(freeze);
        if (!c.member && !hasKeys(v)) continue;
        if (dot) {
          out['.'] = freeze ? EMPTY : {};
          dot = false;
        }
        out[k] = v;
      }
    }
    return freeze ? Object.freeze(out) : out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const out = new FieldSet();
    if (!isObject(v)) return out;
    const keys = Object.keys(v);
    if (keys.length === 0) out.member = true;
    for (const k of keys) {
      if (k === '.') out.member = true;
      else out.children.set(k, FieldSet.fromFieldsV1(v[k]));
    }
    return out;
  }
}

const EMPTY: Record<string, unknown> = Object.freeze({});

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** Whether a FieldsV1 node marks its own path as a member (`{}` or a `.` key), as fromFieldsV1 reads it. */
function rawMember(raw: Record<string, unknown>): boolean {
  for (const k in raw) return k === '.' || Object.hasOwn(raw, '.');
  return true;
}

/**
 * set.isSubsetOf(FieldSet.fromFieldsV1(raw)) without decoding raw: a routine update checks the
 * writer's changes against the stored sets this way, decoding none of them.
 */
export function isSubsetOfFieldsV1(set: FieldSet, raw: unknown): boolean {
  if (!isObject(raw)) return set.isEmpty();
  if (set.member && !rawMember(raw)) return false;
  for (const [k, c] of set.children) {
    const o = k !== '.' && Object.hasOwn(raw, k) ? raw[k] : undefined;
    if (o === undefined ? !c.isEmpty() : !isSubsetOfFieldsV1(c, o)) return false;
  }
  return true;
}

/** set.intersects(FieldSet.fromFieldsV1(raw)) without decoding raw. */
export function intersectsFieldsV1(set: FieldSet, raw: unknown): boolean {
  if (!isObject(raw)) return false;
  if (set.member && rawMember(raw)) return true;
  for (const [k, c] of set.children) {
    if (k !== '.' && Object.hasOwn(raw, k) && intersectsFieldsV1(c, raw[k])) return true;
  }
  return false;
}

function unionInto(target: FieldSet, other: FieldSet): void {
  target.member = target.member || other.member;
  for (const [k, c] of other.children) unionInto(target.child(k), c);
}

/** One path element as structured-merge-diff prints it in conflict messages. */
function printElement(pe: string): string {
  const body = pe.slice(2);
  switch (pe[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      try {
        const keys = JSON.parse(body) as Record<string, unknown>;
        return `[${Object.keys(keys)
          .sort()
          .map((k) => `${k}=${JSON.stringify(keys[k])}`)
          .join(',')}]`;
      } catch {
        return `[${body}]`;
      }
    }
    case 'v':
      return `[=${body}]`;
    case 'i':
      return `[${body}]`;
    default:
      return pe;
  }
}

/** ".spec.template.spec.containers[name=\"nginx\"].image" */
export function pathString(path: string[]): string {
  return path.map(printElement).join('');
}
