/** Deterministic hashing and PRNG: pod-template-hash, controller revisions, seeded simulation. */

/** FNV-1a 32-bit over a string. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Stable JSON (sorted keys) so equal templates hash equally regardless of key order. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`;
}

// Kubernetes' SafeEncodeString alphabet: no vowels, so hashes never spell words.
const ALPHA = 'bcdfghjklmnpqrstvwxz2456789';

/** Like rand.SafeEncodeString(fmt.Sprint(hash)): short label-safe string. */
export function safeEncode(n: number): string {
  const digits = String(n >>> 0);
  let out = '';
  for (const d of digits) out += ALPHA[Number(d) * 3 % ALPHA.length]!;
  // append two characters of mixing so similar numbers differ visibly
  out += ALPHA[n % ALPHA.length]! + ALPHA[(n >>> 8) % ALPHA.length]!;
  return out.slice(0, 10);
}

export function templateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(fnv32a(stableStringify(template) + (collisionCount ? `#${collisionCount}` : '')));
}

/** mulberry32: small, fast, seeded PRNG returning [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic [0,1) from a seed and an index (no state: lines can be generated in any order). */
export function rand2(seed: number, i: number): number {
  return prng(fnv32a(`${seed}:${i}`))();
}

/** 5-character random-looking suffix like generateName's, deterministic from a seed string. */
export function suffix(seed: string, len = 5): string {
  const r = prng(fnv32a(seed));
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHA[Math.floor(r() * ALPHA.length)]!;
  return s;
}
