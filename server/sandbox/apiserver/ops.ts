/**
 * The semantic layer shared by HTTP handlers and the in-process SandboxClient: defaulting, metadata
 * bookkeeping, optimistic concurrency, generation bumps, status-subresource rules, finalizers and
 * graceful deletion. Everything that writes goes through here, so controllers see what kubectl sees.
 */
import { randomUUID } from 'node:crypto';
import type { DeleteOptions, KObject } from '../types';
import { apiVersionOf, hasSubresource, type ServedKind } from '../kinds';
import { objectKey, type ObjectStore } from '../store/store';
import { cloneObj } from '../store/json-cache';
import { KindRegistry, storageKey } from './kind-registry';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  MODIFIED_CONFLICT,
  notFound,
  StatusError,
} from './errors';
import { applyDefaults, tracksGeneration } from './defaults';
import { generateSuffix, nowRfc3339, userAgentManager, validateName } from './meta';
import { deepEqual } from '../../../lib/k8s/machinery/equal';
import { prepareCreate, sameExceptVersion, specChanged } from './ops-rules';
import { admitQuota } from './quota';
import type { FieldValidation, Helpers, SchemaNode } from './helpers';
import { GarbageCollector } from './gc';
import { eventsViewOf, isEventsView, storageForm, validateEventsV1Create, validateEventsV1Update } from './events-view';
import { hpaStorageForm, hpaViewOf } from './hpa-v1';
import { prepareServiceUpdate } from './service-update';

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
}

/** Namespaces the NamespaceLifecycle admission plugin never lets anyone delete. */
export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export interface ApiOptions {
  /** how long a scheduled pod stays Terminating before the API server removes it (kubelet stand-in) */
  podTerminationMs: number;
}

/**
 * The one generic registry every kind goes through (kube-apiserver's registry/generic Store): create, update,
 * patch, delete and views over the object store, with the per-kind differences kept in data and hooks
 * (defaults.ts, ops-rules.ts, events-view.ts, hpa-v1.ts, quota.ts) rather than in the handlers.
 */
export class GenericRegistry {
  readonly gc: GarbageCollector;
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
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.gc.stop();
  }

  isCustom(k: ServedKind): boolean {
    return this.kinds.crdInfo(k.group, k.resource) !== undefined;
  }

  /**
   * Objects of a multi-version CRD are stored in the version they were written in; serve them in k's.
   * events.k8s.io Events are stored as core/v1 Events and converted (events-view.ts), autoscaling/v1
   * HPAs as autoscaling/v2 (hpa-v1.ts).
   */
  view(k: ServedKind, o: KObject): KObject {
    const av = apiVersionOf(k);
    if (o.apiVersion === av) return o;
    return eventsViewOf(k, o) ?? hpaViewOf(k, o) ?? { ...o, apiVersion: av };
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

  private validate(k: ServedKind, o: KObject, ctx: ReqCtx): void {
    const oa = this.helpers.openapi;
    const mode = ctx.fieldValidation ?? 'Ignore';
    // the OpenAPI module validates names itself; the local rule is only the fallback without it
    const causes = oa ? [] : validateName(o, k.group);
    if (oa) {
      let r: ReturnType<typeof oa.validateObject> | undefined;
      try {
        r = oa.validateObject(o, { fieldValidation: mode, crds: this.kinds.crdObjects(), prune: true });
      } catch {
        // a validator bug must not make the object unwritable: store it unvalidated
        r = undefined;
      }
      if (r?.decodeError) throw badRequest(r.decodeError);
      if (r) {
        causes.push(...r.causes);
        const unknown = r.unknownFields.map((f) => `unknown field "${f.replace(/^\./, '')}"`);
        if (unknown.length && mode === 'Strict') {
          throw badRequest(`${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}: strict decoding error: ${unknown.join(', ')}`);
        }
        if (unknown.length && mode === 'Warn') ctx.warnings?.push(...unknown);
      }
    }
    if (causes.length) throw invalid(k.kind, k.group, o.metadata.name ?? '', causes);
  }

  private checkNamespace(k: ServedKind, ns: string | undefined, creating: boolean): void {
    if (!k.namespaced) return;
    if (!ns) throw badRequest('the server could not find the requested resource');
    const nso = this.store.get('/namespaces', ns);
    if (!nso) throw notFound('', 'namespaces', ns);
    if (creating && nso.metadata.deletionTimestamp) {
      throw new StatusError(403, 'Forbidden', `${k.resource}${k.group ? `.${k.group}` : ''} "${''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
        kind: k.resource,
        ...(k.group ? { group: k.group } : {}),
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  private placeNamespace(k: ServedKind, ns: string | undefined, o: KObject): void {
    if (k.namespaced) {
      if (o.metadata.namespace && ns && o.metadata.namespace !== ns) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      o.metadata.namespace = ns;
    } else delete o.metadata.namespace;
  }

  create(k: ServedKind, ns: string | undefined, body: KObject, ctx: ReqCtx = {}): KObject {
    if (!k.verbs.includes('create')) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const o = ctx.ownedBody ? body : cloneObj(body);
    o.apiVersion = apiVersionOf(k);
    o.kind = k.kind;
    o.metadata ??= {};
    this.placeNamespace(k, ns, o);
    ctx.admit?.(o, undefined);
    if (o.metadata.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + generateSuffix();
    this.checkNamespace(k, o.metadata.namespace, true);
    if (o.metadata.name && this.find(k, o.metadata.namespace, o.metadata.name)) {
      throw alreadyExists(k.group, k.resource, o.metadata.name);
    }
    if (!this.isCustom(k)) applyDefaults(o);
    const m = o.metadata;
    m.uid = randomUUID();
    m.creationTimestamp = nowRfc3339();
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (tracksGeneration(k.group, k.kind, this.isCustom(k))) m.generation = 1;
    else delete m.generation;
    prepareCreate(k, o, this.kinds);
    if (isEventsView(k)) validateEventsV1Create(o);
    this.validate(k, o, ctx);
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
    const custom = this.isCustom(k);
    const generation = tracksGeneration(k.group, k.kind, custom);
    for (const body of objs) {
      const o = cloneObj(body);
      o.apiVersion = apiVersionOf(k);
      o.kind = k.kind;
      o.metadata ??= {};
      const ns = o.metadata.namespace;
      this.placeNamespace(k, ns, o);
      if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + generateSuffix();
      if (!o.metadata.name) throw invalid(k.kind, k.group, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
      this.checkNamespace(k, o.metadata.namespace, true);
      if (this.find(k, o.metadata.namespace, o.metadata.name)) throw alreadyExists(k.group, k.resource, o.metadata.name);
      delete o.metadata.resourceVersion;
      if (!custom) applyDefaults(o);
      const m = o.metadata;
      m.uid = randomUUID();
      m.creationTimestamp = now;
      if (generation) m.generation = 1;
      else delete m.generation;
      const status = o.status;
      prepareCreate(k, o, this.kinds);
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
    const inc = ctx.ownedBody ? body : cloneObj(body);
    inc.metadata ??= {};
    if (inc.metadata.name && inc.metadata.name !== name) {
      throw badRequest(`the name of the object (${inc.metadata.name}) does not match the name on the URL (${name})`);
    }
    this.placeNamespace(k, ns, inc);
    const rv = inc.metadata.resourceVersion;
    // resourceVersion unset or "0" is an unconditional update, which every built-in strategy allows and
    // custom resources (and CRDs) refuse
    if (!rv || rv === '0') {
      if (this.isCustom(k) || k.kind === 'CustomResourceDefinition') {
        throw invalid(k.resource, k.group, name, [
          { reason: 'FieldValueInvalid', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' },
        ]);
      }
    } else if (rv !== old.metadata.resourceVersion) throw conflict(k.group, k.resource, name, MODIFIED_CONFLICT);
    if (inc.metadata.uid && inc.metadata.uid !== old.metadata.uid) {
      throw conflict(k.group, k.resource, name, `Precondition failed: UID in precondition: ${inc.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    let next: KObject;
    if (ctx.subresource === 'status') {
      // upstream ResetObjectMetaForStatus: only .status changes through the status subresource
      next = { ...cloneObj(old), status: inc.status };
      if (inc.metadata.managedFields) next.metadata.managedFields = inc.metadata.managedFields;
    } else {
      next = inc;
      next.apiVersion = apiVersionOf(k);
      next.kind = k.kind;
      const serviceCauses = k.kind === 'Service' && !k.group ? prepareServiceUpdate(next, old) : [];
      if (serviceCauses.length) throw invalid(k.kind, k.group, name, serviceCauses);
      if (!this.isCustom(k)) applyDefaults(next);
      const om = old.metadata;
      const m = next.metadata;
      m.name = name;
      m.uid = om.uid;
      m.creationTimestamp = om.creationTimestamp;
      if (om.deletionTimestamp) m.deletionTimestamp = om.deletionTimestamp;
      else delete m.deletionTimestamp;
      if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
      if (om.generation !== undefined) m.generation = om.generation;
      if (hasSubresource(k, 'status') || k.kind === 'Namespace') {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      if (old.metadata.deletionTimestamp && (m.finalizers?.length ?? 0) > (om.finalizers?.length ?? 0)) {
        const added = (m.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f));
        if (added.length) {
          throw invalid(k.kind, k.group, name, [
            { reason: 'FieldValueForbidden', message: 'Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ' + JSON.stringify(added), field: 'metadata.finalizers' },
          ]);
        }
      }
      if (k.kind === 'Namespace' && !k.group && om.deletionTimestamp) next.spec = old.spec;
      ctx.admit?.(next, old);
    }
    delete next.metadata.resourceVersion;
    if (next.metadata.generation !== undefined && specChanged(k, old, next, this.isCustom(k))) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    if (isEventsView(k)) validateEventsV1Update(next, old);
    this.validate(k, next, ctx);
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
    if (stored.metadata.deletionTimestamp && !stored.metadata.finalizers?.length && !this.gracefulPending(stored)) {
      return this.view(k, this.removeNow(k, stored));
    }
    return this.view(k, stored);
  }

  /** A pod still within its grace period is removed by its kubelet (or our timer), not by the update. */
  private gracefulPending(o: KObject): boolean {
    return o.kind === 'Pod' && (o.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  /** Stores a prepared object and keeps the GC's owner index current. */
  write(k: ServedKind, o: KObject): KObject {
    const key = objectKey(k.namespaced ? o.metadata.namespace : undefined, o.metadata.name!);
    const prev = this.store.get(storageKey(k), key);
    const stored = this.store.put(storageKey(k), key, hpaStorageForm(k, storageForm(k, o)));
    this.gc.indexWrite(k, prev, stored);
    if (k.group === 'apiextensions.k8s.io' && k.kind === 'CustomResourceDefinition') this.kinds.setCrd(stored);
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
  delete(k: ServedKind, ns: string | undefined, name: string, opts: DeleteOptions & { dryRun?: boolean } = {}): { obj: KObject; removed: boolean } {
    const old = this.get(k, ns, name);
    if (k.kind === 'Namespace' && !k.group && IMMORTAL_NAMESPACES.has(name)) {
      // the NamespaceLifecycle admission plugin, which runs for dry runs too
      throw new StatusError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
    }
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(k.group, k.resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(k.group, k.resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    if (opts.dryRun) return { obj: old, removed: true };
    const policy = opts.propagationPolicy ?? 'Background';
    const finalizers = [...(old.metadata.finalizers ?? [])];
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (k.kind === 'Namespace' && !k.group) return this.deleteNamespace(k, old);
    const grace = this.graceSeconds(old, opts.gracePeriodSeconds);
    if (finalizers.length === 0 && grace === 0) return { obj: this.view(k, this.removeNow(k, old)), removed: true };
    if (old.metadata.deletionTimestamp && deepEqual(finalizers, old.metadata.finalizers ?? [])) {
      // already terminating: a shorter grace period may still speed it up
      if (grace === 0 && finalizers.length === 0) return { obj: this.view(k, this.removeNow(k, old)), removed: true };
      return { obj: old, removed: false };
    }
    const next = cloneObj(old);
    delete next.metadata.resourceVersion;
    next.metadata.finalizers = finalizers.length ? finalizers : undefined;
    if (!next.metadata.finalizers) delete next.metadata.finalizers;
    next.metadata.deletionTimestamp ??= new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    next.metadata.deletionGracePeriodSeconds = grace;
    if (next.metadata.generation !== undefined) next.metadata.generation++;
    const stored = this.write(k, next);
    if (grace > 0) this.scheduleGracefulRemoval(k, stored, grace);
    this.gc.kick();
    return { obj: this.view(k, stored), removed: false };
  }

  /** Pods on a node terminate gracefully; everything else is removed at once (grace 0). */
  private graceSeconds(o: KObject, requested: number | undefined): number {
    if (o.kind !== 'Pod' || o.apiVersion !== 'v1') return 0;
    const spec = o.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    if (!spec?.nodeName) return 0;
    const status = o.status as { phase?: string } | undefined;
    if (status?.phase === 'Succeeded' || status?.phase === 'Failed') return 0;
    const g = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, g);
  }

  private scheduleGracefulRemoval(k: ServedKind, o: KObject, grace: number): void {
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

  private deleteNamespace(k: ServedKind, old: KObject): { obj: KObject; removed: boolean } {
    if (old.metadata.deletionTimestamp) return { obj: old, removed: false };
    const next = cloneObj(old);
    delete next.metadata.resourceVersion;
    next.metadata.deletionTimestamp = nowRfc3339();
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...(next.status as object), phase: 'Terminating' };
    const stored = this.write(k, next);
    this.gc.kick();
    return { obj: stored, removed: false };
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
    if (stored.metadata.deletionTimestamp && !stored.metadata.finalizers?.length && !this.gracefulPending(stored)) this.removeNow(k, stored);
  }

  forbiddenVerb(k: ServedKind, verb: string): void {
    if (!k.verbs.includes(verb)) throw forbidden(`${verb} is not supported on ${k.resource}`);
  }
}

