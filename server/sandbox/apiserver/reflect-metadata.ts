/**
 * @peculiar/x509 pulls in tsyringe, which insists on a Reflect metadata polyfill (its usual one,
 * @abraham/reflection, is not installed). This is the small subset tsyringe calls.
 */
type Meta = Map<unknown, unknown>;
const store = new WeakMap<object, Map<string | symbol | undefined, Meta>>();

function table(target: object, prop: string | symbol | undefined, create: boolean): Meta | undefined {
  let t = store.get(target);
  if (!t) {
    if (!create) return undefined;
    store.set(target, (t = new Map()));
  }
  let m = t.get(prop);
  if (!m && create) t.set(prop, (m = new Map()));
  return m;
}

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') {
  R.defineMetadata = (key: unknown, value: unknown, target: object, prop?: string | symbol) => {
    table(target, prop, true)!.set(key, value);
  };
  R.getOwnMetadata = (key: unknown, target: object, prop?: string | symbol) => table(target, prop, false)?.get(key);
  R.hasOwnMetadata = (key: unknown, target: object, prop?: string | symbol) => table(target, prop, false)?.has(key) ?? false;
  R.getMetadata = (key: unknown, target: object, prop?: string | symbol): unknown => {
    for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
      const m = table(o, prop, false);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
  R.hasMetadata = (key: unknown, target: object, prop?: string | symbol) =>
    (R.getMetadata as (k: unknown, t: object, p?: string | symbol) => unknown)(key, target, prop) !== undefined;
  R.metadata = (key: unknown, value: unknown) => (target: object, prop?: string | symbol) => {
    table(target, prop, true)!.set(key, value);
  };
}

export {};
