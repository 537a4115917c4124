/**
 * Deletion semantics that upstream runs as controllers (garbage collector, namespace controller,
 * CRD finalizer), kept with the API server because they define what DELETE means:
 * Background deletes dependants after the owner is gone, Foreground waits for them (foregroundDeletion
 * finalizer), Orphan strips their ownerReferences (orphan finalizer); a Terminating namespace is
 * emptied and then removed. Work runs asynchronously (setImmediate), like the real controllers.
 */
import type { KObject, OwnerReference } from '../types';
import type { ServedKind } from '../kinds';
import { objectKey } from '../store/store';
import { cloneObj } from '../store/json-cache';
import { storageKey } from './kind-registry';
import type { GenericRegistry } from './ops';

type Loc = string; // `${storageKey}|${objectKey}`

function loc(k: ServedKind, o: KObject): Loc {
  return `${storageKey(k)}|${objectKey(k.namespaced ? o.metadata.namespace : undefined, o.metadata.name!)}`;
}

export class GarbageCollector {
  private dependants = new Map<string, Set<Loc>>();
  private uids = new Map<string, Loc>();
  private removedOwners = new Set<string>();
  private finalizing = new Map<string, Loc>();
  private terminatingNs = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;
  private stopped = false;

  constructor(private readonly api: GenericRegistry) {}

  stop(): void {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
  }

  indexWrite(k: ServedKind, prev: KObject | undefined, o: KObject): void {
    const l = loc(k, o);
    const uid = o.metadata.uid!;
    this.uids.set(uid, l);
    const before = prev?.metadata.ownerReferences;
    const after = o.metadata.ownerReferences;
    if (before !== after) {
      for (const r of before ?? []) this.dependants.get(r.uid)?.delete(l);
      for (const r of after ?? []) {
        let s = this.dependants.get(r.uid);
        if (!s) this.dependants.set(r.uid, (s = new Set()));
        s.add(l);
      }
    }
    const fin = o.metadata.finalizers;
    if (o.metadata.deletionTimestamp && fin && (fin.includes('orphan') || fin.includes('foregroundDeletion'))) {
      this.finalizing.set(uid, l);
      this.kick();
    } else this.finalizing.delete(uid);
    if (k.kind === 'Namespace' && !k.group && o.metadata.deletionTimestamp) {
      this.terminatingNs.add(o.metadata.name!);
      this.kick();
    }
  }

  indexRemove(k: ServedKind, o: KObject): void {
    const l = loc(k, o);
    const uid = o.metadata.uid!;
    this.uids.delete(uid);
    this.finalizing.delete(uid);
    for (const r of o.metadata.ownerReferences ?? []) {
      const s = this.dependants.get(r.uid);
      s?.delete(l);
      if (s?.size === 0 && !this.uids.has(r.uid)) this.dependants.delete(r.uid);
      if (this.finalizing.has(r.uid)) this.kick();
    }
    if (this.dependants.get(uid)?.size) {
      this.removedOwners.add(uid);
      this.kick();
    } else this.dependants.delete(uid);
    if (k.group === 'apiextensions.k8s.io' && k.kind === 'CustomResourceDefinition') this.dropCustomResources(o);
    if (o.metadata.namespace && this.terminatingNs.has(o.metadata.namespace)) this.kick();
  }

  kick(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.process();
    });
  }

  private resolve(l: Loc): { k: ServedKind; o: KObject } | undefined {
    const bar = l.indexOf('|');
    const sk = l.slice(0, bar);
    const o = this.api.store.get(sk, l.slice(bar + 1));
    if (!o) return undefined;
    const slash = sk.indexOf('/');
    const group = sk.slice(0, slash);
    const resource = sk.slice(slash + 1);
    const k = this.api.kinds.all().find((x) => x.group === group && x.resource === resource);
    return k ? { k, o } : undefined;
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch {
      // the object changed or vanished meanwhile; the next pass sees the new state
    }
  }

  private stripOwner(k: ServedKind, o: KObject, gone: (r: OwnerReference) => boolean): void {
    const next = cloneObj(o);
    const refs = (next.metadata.ownerReferences ?? []).filter((r) => !gone(r));
    if (refs.length) next.metadata.ownerReferences = refs;
    else delete next.metadata.ownerReferences;
    delete next.metadata.resourceVersion;
    this.api.write(k, next);
  }

  private process(): void {
    if (this.stopped) return;
    // owners that are gone: dependants whose owners are all gone are deleted (Background)
    for (const uid of [...this.removedOwners]) {
      this.removedOwners.delete(uid);
      for (const l of [...(this.dependants.get(uid) ?? [])]) {
        const d = this.resolve(l);
        if (!d) continue;
        const alive = (d.o.metadata.ownerReferences ?? []).some((r) => this.uids.has(r.uid) && !this.removedOwners.has(r.uid));
        this.safe(() => {
          if (alive) this.stripOwner(d.k, d.o, (r) => !this.uids.has(r.uid));
          else if (!d.o.metadata.deletionTimestamp) this.api.delete(d.k, d.o.metadata.namespace, d.o.metadata.name!, { propagationPolicy: 'Background' });
        });
      }
      if (!this.dependants.get(uid)?.size) this.dependants.delete(uid);
    }
    for (const [uid, l] of [...this.finalizing]) {
      const f = this.resolve(l);
      if (!f) {
        this.finalizing.delete(uid);
        continue;
      }
      const deps = [...(this.dependants.get(uid) ?? [])].map((x) => this.resolve(x)).filter((x) => x !== undefined);
      const fin = f.o.metadata.finalizers ?? [];
      if (fin.includes('orphan')) {
        for (const d of deps) this.safe(() => this.stripOwner(d.k, d.o, (r) => r.uid === uid));
        this.safe(() => this.api.dropFinalizer(f.k, f.o, 'orphan'));
      } else if (fin.includes('foregroundDeletion')) {
        if (deps.length === 0) this.safe(() => this.api.dropFinalizer(f.k, f.o, 'foregroundDeletion'));
        for (const d of deps) {
          if (!d.o.metadata.deletionTimestamp) {
            this.safe(() => this.api.delete(d.k, d.o.metadata.namespace, d.o.metadata.name!, { propagationPolicy: 'Foreground' }));
          }
        }
      }
    }
    for (const ns of [...this.terminatingNs]) this.safe(() => this.finalizeNamespace(ns));
  }

  private namespacedKinds(): ServedKind[] {
    const seen = new Set<string>();
    return this.api.kinds.all().filter((k) => {
      if (!k.namespaced || k.group === 'metrics.k8s.io' || seen.has(storageKey(k))) return false;
      seen.add(storageKey(k));
      return true;
    });
  }

  private finalizeNamespace(ns: string): void {
    const nsKind = this.api.kinds.lookup('', 'v1', 'namespaces')!;
    const nso = this.api.find(nsKind, undefined, ns);
    if (!nso || !nso.metadata.deletionTimestamp) {
      this.terminatingNs.delete(ns);
      return;
    }
    let remaining = false;
    for (const k of this.namespacedKinds()) {
      for (const [, o] of this.api.store.scan(storageKey(k), ns)) {
        remaining = true;
        if (!o.metadata.deletionTimestamp) {
          this.safe(() => this.api.delete(k, ns, o.metadata.name!, { propagationPolicy: 'Background' }));
        }
      }
    }
    if (remaining) return;
    this.terminatingNs.delete(ns);
    const next = cloneObj(nso);
    delete next.metadata.resourceVersion;
    next.spec = { ...(next.spec as object), finalizers: [] };
    if (next.metadata.finalizers?.length) {
      this.api.write(nsKind, next);
      return;
    }
    this.api.removeNow(nsKind, next);
  }

  private dropCustomResources(crd: KObject): void {
    const spec = crd.spec as { group: string; names: { plural: string } };
    const sk = `${spec.group}/${spec.names.plural}`;
    const k = this.api.kinds.all().find((x) => x.group === spec.group && x.resource === spec.names.plural);
    if (k) for (const [key] of [...this.api.store.scan(sk)]) {
      const removed = this.api.store.remove(sk, key);
      if (removed) this.indexRemove(k, removed);
    }
    this.api.kinds.removeCrd(crd);
  }
}
