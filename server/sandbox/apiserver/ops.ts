/**
 * The semantic layer shared by HTTP handlers and the in-process SandboxClient: metadata bookkeeping,
 * optimistic concurrency, generation bumps, the status/main split, finalizers and graceful deletion, with
 * each kind's rules from its strategy (registry/strategies/). Everything that writes goes through here,
 * so controllers see what kubectl sees.
 */
import { randomUUID } from 'node:crypto';
import type { KObject } from '../types';
import { apiVersionOf, type ServedKind } from '../kinds';
import { objectKey, type ObjectStore } from '../store/store';
import { cloneObj } from '../store/json-cache';
import { KindRegistry, storageKey } from './kind-registry';
import { alreadyExists, badRequest, forbidden, invalid, notFound, StatusError } from './errors';
import { generateSuffix, nowRfc3339, userAgentManager } from './meta';
import { admitQuota } from './quota';
import type { FieldValidation, Helpers, SchemaNode } from './helpers';
import type { UserInfo } from './auth/user';
import { GarbageCollector } from './gc';
import { sameExceptVersion } from './registry/no-op';
import { checkPreconditions, prepareMainUpdate, prepareStatusUpdate } from './registry/update';
import { schemaCheck } from './registry/schema-check';
import { checkNamespace, placeNamespace } from './registry/namespace-scope';
import type { DeleteResult, Strategy } from './registry/strategy';
import { StrategyRegistry } from './registry/strategies/index';
import { deleteObject, type DeleteRequest } from './registry/delete';

export interface ReqCtx {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  userAgent?: string;
  /** collected `Warning` header texts */
  warnings?: string[];
  /** managedFields already computed (server-side apply): skip Update tracking */
  skipTracking?: boolean;
  /** the body was freshly decoded for this call and may be modified in place (saves a deep copy) */
  ownedBody?: boolean;
  /** request-specific admission (auth/escalation.ts) on the object about to be written; throws to refuse */
  admit?: (obj: KObject, old: KObject | undefined) => void;
  /** who sent the request (strategies that record the requester read it); undefined in-process */
  user?: UserInfo;
}

export interface ApiOptions {
  /** how long a scheduled pod stays Terminating before the API server removes it (kubelet stand-in) */
  podTerminationMs: number;
}

/**
 * The one generic registry every kind goes through (kube-apiserver's registry/generic Store): create,
 * update, patch, delete and views over the object store. Per-kind differences live in the kinds'
 * strategies (registry/strategies/), never in branches here.
 */
export class GenericRegistry {
  readonly gc: GarbageCollector;
  readonly strategies: StrategyRegistry;
  private timers = new Set<NodeJS.Timeout>();
  private navCache = new Map<string, SchemaNode | undefined>();
  private navGeneration = -1;

  constructor(
    readonly store: ObjectStore,
    readonly kinds: KindRegistry,
    readonly helpers: Helpers,
    readonly opts: ApiOptions,
  ) {
    this.gc = new GarbageCollector(this);
    this.strategies = new StrategyRegistry(kinds);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.gc.stop();
  }

  isCustom(k: ServedKind): boolean {
    return this.kinds.crdInfo(k.group, k.resource) !== undefined;
  }

  strategy(k: ServedKind): Strategy {
    return this.strategies.for(k);
  }

  /**
   * Objects of a multi-version CRD are stored in the version they were written in; serve them in k's.
   * Kinds stored in another form (events.k8s.io Events, autoscaling/v1 HPAs) convert through their strategy.
   */
  view(k: ServedKind, o: KObject): KObject {
    const av = apiVersionOf(k);
    if (o.apiVersion === av) return o;
    return this.strategy(k).fromStorage?.(k, o) ?? { ...o, apiVersion: av };
  }

  find(k: ServedKind, ns: string | undefined, name: string): KObject | undefined {
    const o = this.store.get(storageKey(k), objectKey(k.namespaced ? ns : undefined, name));
    return o && this.view(k, o);
  }

  get(k: ServedKind, ns: string | undefined, name: string): KObject {
    const o = this.find(k, ns, name);
    if (!o) throw notFound(k.group, k.resource, name);
    return o;
  }

  /**
   * The kind's schema navigator, cached per GVK until the served set (CRDs) changes: building one costs
   * more than the rest of a write, and the patch code memoizes its walks per navigator object.
   */
  nav(k: ServedKind): SchemaNode | undefined {
    const oa = this.helpers.openapi;
    if (!oa) return undefined;
    if (this.navGeneration !== this.kinds.generation) {
      this.navCache.clear();
      this.navGeneration = this.kinds.generation;
    }
    const key = `${k.group}/${k.version}/${k.kind}`;
    if (this.navCache.has(key)) return this.navCache.get(key);
    const n = oa.schemaNavigator({ group: k.group, version: k.version, kind: k.kind }, this.kinds.crdObjects());
    this.navCache.set(key, n);
    return n;
  }

  manager(ctx: ReqCtx): string {
    return ctx.fieldManager || userAgentManager(ctx.userAgent);
  }

  /** The server-owned metadata of a new object, then the strategy's defaults and PrepareForCreate. */
  private prepareNew(k: ServedKind, s: Strategy, o: KObject, now: string, ctx: ReqCtx): void {
    s.defaults?.(o);
    const m = o.metadata;
    m.uid = randomUUID();
    m.creationTimestamp = now;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (s.generation) m.generation = 1;
    else delete m.generation;
    s.prepareForCreate(o, { kinds: this.kinds, user: ctx.user });
  }

  create(k: ServedKind, ns: string | undefined, body: KObject, ctx: ReqCtx = {}): KObject {
    if (!k.verbs.includes('create')) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const s = this.strategy(k);
    const o = ctx.ownedBody ? body : cloneObj(body);
    o.apiVersion = apiVersionOf(k);
    o.kind = k.kind;
    o.metadata ??= {};
    placeNamespace(k, ns, o);
    ctx.admit?.(o, undefined);
    if (o.metadata.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + generateSuffix();
    checkNamespace(this.store, k, o.metadata.namespace);
    if (o.metadata.name && this.find(k, o.metadata.namespace, o.metadata.name)) {
      throw alreadyExists(k.group, k.resource, o.metadata.name);
    }
    this.prepareNew(k, s, o, nowRfc3339(), ctx);
    s.validateCreate?.(o, k);
    schemaCheck(this.helpers, this.kinds, k, o, ctx);
    admitQuota(this.store, k, o);
    const patch = this.helpers.patch;
    const managed = patch && !ctx.dryRun && !ctx.skipTracking ? patch.trackUpdate(undefined, o, this.manager(ctx), this.nav(k), nowRfc3339()) : o;
    if (ctx.dryRun) return o;
    return this.view(k, this.write(k, managed));
  }

  /**
   * Bulk seeding (the `scale` scenario): like create() but keeps the given .status and skips schema
   * validation and managedFields tracking, so each object costs one copy and one store write.
   */
  createSeeded(k: ServedKind, objs: KObject[]): KObject[] {
    const out: KObject[] = [];
    const now = nowRfc3339();
    const s = this.strategy(k);
    for (const body of objs) {
      const o = cloneObj(body);
      o.apiVersion = apiVersionOf(k);
      o.kind = k.kind;
      o.metadata ??= {};
      const ns = o.metadata.namespace;
      placeNamespace(k, ns, o);
      if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + generateSuffix();
      if (!o.metadata.name) throw invalid(k.kind, k.group, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
      checkNamespace(this.store, k, o.metadata.namespace);
      if (this.find(k, o.metadata.namespace, o.metadata.name)) throw alreadyExists(k.group, k.resource, o.metadata.name);
      delete o.metadata.resourceVersion;
      const status = o.status;
      this.prepareNew(k, s, o, now, {});
      if (status !== undefined) o.status = status;
      out.push(this.view(k, this.write(k, o)));
    }
    return out;
  }
  /**
   * Full update (PUT) of the main resource or its status subresource. body is not mutated.
   * Returns the stored object (or the old one when nothing changed, like etcd's no-op update).
   */
  update(k: ServedKind, ns: string | undefined, name: string, body: KObject, ctx: ReqCtx & { subresource?: 'status' | 'scale' } = {}): KObject {
    const old = this.get(k, ns, name);
    const s = this.strategy(k);
    const inc = ctx.ownedBody ? body : cloneObj(body);
    inc.metadata ??= {};
    if (inc.metadata.name && inc.metadata.name !== name) {
      throw badRequest(`the name of the object (${inc.metadata.name}) does not match the name on the URL (${name})`);
    }
    placeNamespace(k, ns, inc);
    checkPreconditions(k, s, name, inc, old);
    let next = ctx.subresource === 'status' ? prepareStatusUpdate(inc, old) : prepareMainUpdate(k, s, name, inc, old, ctx);
    delete next.metadata.resourceVersion;
    if (next.metadata.generation !== undefined && s.specChanged(old, next)) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    s.validateUpdate?.(next, old, k);
    schemaCheck(this.helpers, this.kinds, k, next, ctx);
    const patch = this.helpers.patch;
    // whether next is already known to differ from old in more than managedFields
    let differs = false;
    if (patch && !ctx.skipTracking) {
      // a no-op write (controllers resend unchanged status often) needs no managedFields diff: an
      // omitted managedFields keeps the old ones, exactly what trackUpdate would compute
      const mf = next.metadata.managedFields;
      const cand = mf === undefined ? { ...next, metadata: { ...next.metadata, managedFields: old.metadata.managedFields } } : next;
      if (sameExceptVersion(old, cand)) return old;
      // trackUpdate changes only managedFields: a difference elsewhere stays
      differs = mf === undefined;
      next = patch.trackUpdate(old, next, this.manager(ctx), this.nav(k), nowRfc3339(), ctx.subresource);
    }
    if (!differs && sameExceptVersion(old, next)) return old;
    if (ctx.dryRun) {
      next.metadata.resourceVersion = old.metadata.resourceVersion;
      return next;
    }
    const stored = this.write(k, next);
    if (this.finalizable(s, stored)) return this.view(k, this.removeNow(k, stored));
    return this.view(k, stored);
  }

  /** A deleted object whose finalizers are all gone, unless its grace period is still running (a pod's kubelet removes it). */
  finalizable(s: Strategy, o: KObject): boolean {
    const m = o.metadata;
    if (!m.deletionTimestamp || m.finalizers?.length) return false;
    return !(s.deleteGrace && (m.deletionGracePeriodSeconds ?? 0) > 0);
  }

  /** Stores a prepared object and keeps the GC's owner index current. */
  write(k: ServedKind, o: KObject): KObject {
    const s = this.strategy(k);
    const key = objectKey(k.namespaced ? o.metadata.namespace : undefined, o.metadata.name!);
    const prev = this.store.get(storageKey(k), key);
    const stored = this.store.put(storageKey(k), key, s.toStorage ? s.toStorage(k, o) : o);
    this.gc.indexWrite(k, prev, stored);
    s.afterWrite?.(stored, this.kinds);
    return stored;
  }

  removeNow(k: ServedKind, o: KObject): KObject {
    const key = objectKey(k.namespaced ? o.metadata.namespace : undefined, o.metadata.name!);
    const removed = this.store.remove(storageKey(k), key);
    if (!removed) return o;
    this.gc.indexRemove(k, removed);
    return removed;
  }

  /** DELETE: returns the object and whether it is gone (false = graceful/finalizers pending, HTTP 202). */
  delete(k: ServedKind, ns: string | undefined, name: string, opts: DeleteRequest = {}): DeleteResult {
    return deleteObject(this, k, this.get(k, ns, name), opts);
  }

  /** Removes a graceful deletion's object once its grace period ends (the kubelet stand-in). */
  scheduleRemoval(k: ServedKind, o: KObject, grace: number): void {
    const ms = Math.min(grace * 1000, this.opts.podTerminationMs);
    const t = setTimeout(() => {
      this.timers.delete(t);
      const cur = this.store.get(storageKey(k), objectKey(o.metadata.namespace, o.metadata.name!));
      if (!cur || cur.metadata.uid !== o.metadata.uid || !cur.metadata.deletionTimestamp) return;
      if (cur.metadata.finalizers?.length) {
        const next = cloneObj(cur);
        next.metadata.deletionGracePeriodSeconds = 0;
        delete next.metadata.resourceVersion;
        this.write(k, next);
      } else this.removeNow(k, cur);
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  /** Removes a finalizer on behalf of a built-in controller (GC, namespace controller). */
  dropFinalizer(k: ServedKind, o: KObject, finalizer: string): void {
    const cur = this.find(k, o.metadata.namespace, o.metadata.name!);
    if (!cur || cur.metadata.uid !== o.metadata.uid) return;
    const next = cloneObj(cur);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    delete next.metadata.resourceVersion;
    const stored = this.write(k, next);
    if (this.finalizable(this.strategy(k), stored)) this.removeNow(k, stored);
  }

  forbiddenVerb(k: ServedKind, verb: string): void {
    if (!k.verbs.includes(verb)) throw forbidden(`${verb} is not supported on ${k.resource}`);
  }
}
