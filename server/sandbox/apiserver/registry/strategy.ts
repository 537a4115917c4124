/**
 * Per-kind write rules, shaped like kube-apiserver's REST strategies (RESTCreateStrategy,
 * RESTUpdateStrategy, RESTDeleteStrategy): the generic store (ops.ts) runs the same create, update and
 * delete steps for every kind and asks the kind's Strategy only where kinds differ. A built-in kind's
 * strategy is its entry in strategies/index.ts laid over the defaults derived from its ServedKind; a
 * custom resource gets strategies/custom-resource.ts, built per served version.
 */
import type { KObject } from '../../types';
import { hasSubresource, type ServedKind } from '../../kinds';
import type { KindRegistry } from '../kind-registry';
import type { StatusCause } from '../errors';
import type { UserInfo } from '../auth/user';
import type { GenericRegistry } from '../ops';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';

export interface StrategyContext {
  kinds: KindRegistry;
  /** who sent the request; undefined for the sandbox's own in-process writes */
  user?: UserInfo;
}

export interface DeleteResult {
  obj: KObject;
  /** false while graceful deletion or finalizers keep the object (HTTP 202) */
  removed: boolean;
}

export interface Strategy {
  /** metadata.generation starts at 1 and is bumped whenever specChanged says so */
  readonly generation: boolean;
  /** status is written only through the status subresource: main-resource updates keep the stored one */
  readonly statusSplit: boolean;
  /** an update without metadata.resourceVersion is allowed (AllowUnconditionalUpdate) */
  readonly allowUnconditionalUpdate: boolean;
  /** DELETE answers with the object rather than a Success Status (ReturnDeletedObject) */
  readonly returnDeletedObject: boolean;
  /** scheme defaulting (SetDefaults_*), run on create and on main-resource updates */
  defaults?(o: KObject): void;
  /** PrepareForCreate: the fields the server owns on a new object (initial status, selectors); uid and name are set */
  prepareForCreate(o: KObject, ctx: StrategyContext): void;
  /** PrepareForUpdate of the main resource, before defaulting; returns causes that refuse the update */
  prepareForUpdate?(next: KObject, old: KObject): StatusCause[] | undefined;
  /** kind-specific validation after defaulting, before the schema check; throws a StatusError */
  validateCreate?(o: KObject, k: ServedKind): void;
  validateUpdate?(next: KObject, old: KObject, k: ServedKind): void;
  /** whether an update changes what metadata.generation tracks */
  specChanged(old: KObject, next: KObject): boolean;
  /** the object as stored (events.k8s.io Events as core/v1, autoscaling/v1 HPAs as v2) */
  toStorage?(k: ServedKind, o: KObject): KObject;
  /** a stored object in k's version, when it is stored in another form; undefined = relabel only */
  fromStorage?(k: ServedKind, stored: KObject): KObject | undefined;
  /** runs after every stored write (a CRD registers its kinds) */
  afterWrite?(stored: KObject, kinds: KindRegistry): void;
  /** admission on DELETE, dry runs included; throws to refuse */
  validateDelete?(old: KObject): void;
  /** the grace period a DELETE gets (0: removed at once unless finalizers hold it) */
  deleteGrace?(o: KObject, requested: number | undefined): number;
  /** replaces the generic graceful deletion (a Namespace is only marked Terminating) */
  delete?(registry: GenericRegistry, k: ServedKind, old: KObject): DeleteResult;
}

/** The per-kind parts a built-in kind overrides. */
export type KindStrategy = Partial<Strategy>;

/** Groups whose kinds track metadata.generation (the rest never get one, as upstream). */
const GENERATION_GROUPS = new Set(['apps', 'batch', 'autoscaling', 'networking.k8s.io', 'policy', 'apiextensions.k8s.io']);

export const specOnlyChanged = (old: KObject, next: KObject): boolean => !deepEqual(old.spec, next.spec);

/** The default PrepareForCreate: status changes only through /status, so a new object starts without one. */
export function dropStatusOnCreate(statusSplit: boolean): Strategy['prepareForCreate'] {
  return statusSplit ? (o) => void delete o.status : () => undefined;
}

/** A built-in kind's strategy: what its ServedKind implies, overridden by its KindStrategy. */
export function builtinStrategy(k: ServedKind, own: KindStrategy | undefined): Strategy {
  const statusSplit = own?.statusSplit ?? hasSubresource(k, 'status');
  return {
    generation: GENERATION_GROUPS.has(k.group) && k.kind !== 'ControllerRevision',
    statusSplit,
    allowUnconditionalUpdate: true,
    returnDeletedObject: false,
    prepareForCreate: dropStatusOnCreate(statusSplit),
    specChanged: specOnlyChanged,
    ...own,
  };
}
