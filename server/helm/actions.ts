/**
 * `helm rollback` and `helm uninstall` (pkg/action/rollback.go, uninstall.go) over the records and objects,
 * AS THE PERSON. Before anything is written every step's access is reviewed (SubjectAccessReview /
 * SelfSubjectAccessReview through the shared AccessReviewer) and the whole action is refused with the reasons
 * when any is missing, so a forbidden rollback never leaves half its objects changed. Hooks are not run (the
 * console has no way to wait for hook Jobs the way helm does); the UI says so before confirming.
 */
import type { Identity } from '../auth/identity';
import type { AccessCheck } from '../../lib/auth-types';
import { badRequest, K8sApiError } from '../k8s/errors';
import { deniedReason, forbidden, mapLimit } from '../watch/access';
import { applyPlan, deleteChecks, deleteObject, planChecks, planUpdate, unresolved } from './apply';
import { GO_ZERO_TIME, type HelmRelease } from './codec';
import { keepsOnDelete, resolveObjects, splitManifest } from './manifest';
import type { HelmService, HelmServiceDeps } from './service';
import { createRecord, deleteRecord, driverResource, updateRecord, type Driver, type StoredRelease } from './storage';

/** helm's default --history-max (HELM_MAX_HISTORY) for upgrade and rollback */
export const DEFAULT_MAX_HISTORY = 10;

export interface ActionDeps extends HelmServiceDeps {
  helm: HelmService;
  now?: () => Date;
  maxHistory?: number;
}

export interface ActionResult {
  message: string;
  revision?: number;
}

async function refuseUnlessAllowed(deps: ActionDeps, identity: Identity, cluster: string, what: string, checks: AccessCheck[]): Promise<void> {
  const seen = new Set<string>();
  const unique = checks.filter((c) => {
    const k = JSON.stringify(c);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const verdicts = await mapLimit(unique, 8, (c) => deps.access.can(identity, cluster, c));
  const denied = verdicts.map((v, i) => (v.allowed ? undefined : v.reason ?? deniedReason(unique[i]!))).filter((r): r is string => !!r);
  if (denied.length) throw forbidden(`${what} refused: ${denied.slice(0, 5).join('; ')}${denied.length > 5 ? `; and ${denied.length - 5} more` : ''}`, cluster);
}

async function loadAll(deps: ActionDeps, identity: Identity, cluster: string, namespace: string, name: string): Promise<{ driver: Driver; stored: StoredRelease[] }> {
  const recs = await deps.helm.records(cluster, identity, namespace, name);
  const driver = recs[recs.length - 1]!.driver;
  const read = await deps.helm.readAsPerson(cluster, identity, namespace, name, driver);
  if ('restricted' in read) throw forbidden(read.restricted, cluster);
  if (!read.length) throw new K8sApiError({ status: 404, reason: 'NotFound', message: `release: not found: ${name}`, cluster });
  return { driver, stored: read };
}

const recordChecks = (driver: Driver, namespace: string, verbs: AccessCheck['verb'][]): AccessCheck[] => verbs.map((verb) => ({ verb, group: '', resource: driverResource(driver), namespace }));

export async function rollback(deps: ActionDeps, identity: Identity, cluster: string, namespace: string, name: string, toRevision: number): Promise<ActionResult> {
  const now = (deps.now ?? (() => new Date()))();
  const client = deps.registry.client(cluster).as(identity);
  const { driver, stored } = await loadAll(deps, identity, cluster, namespace, name);
  const current = stored[stored.length - 1]!.release;
  const previousVersion = toRevision === 0 ? current.version - 1 : toRevision;
  const previous = stored.find((s) => s.release.version === previousVersion)?.release;
  if (!previous) throw badRequest(`release has no ${previousVersion} version`, cluster);

  const discovery = await deps.discovery.all(cluster);
  const currentObjs = resolveObjects(splitManifest(current.manifest), discovery, namespace);
  const targetObjs = resolveObjects(splitManifest(previous.manifest), discovery, namespace);
  const missing = unresolved(targetObjs);
  if (missing.length) throw new K8sApiError({ status: 422, reason: 'Invalid', message: `unable to build kubernetes objects from new release manifest: no matches for ${missing.join(', ')}`, cluster });

  const maxHistory = deps.maxHistory ?? DEFAULT_MAX_HISTORY;
  const pruned = leastRecent(stored.map((s) => s.release), maxHistory);
  await refuseUnlessAllowed(deps, identity, cluster, 'rollback', [
    ...recordChecks(driver, namespace, ['create', 'update', ...(pruned.length ? (['delete'] as const) : [])]),
    ...targetObjs.map((o) => ({ verb: 'get' as const, group: o.info!.group, resource: o.info!.resource, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name })),
  ]);
  const plan = await planUpdate(client, currentObjs, targetObjs);
  await refuseUnlessAllowed(deps, identity, cluster, 'rollback', planChecks(plan));

  // helm's Rollback.prepareRollback: a new revision with the target's configuration
  const target: HelmRelease = {
    name,
    info: {
      first_deployed: current.info?.first_deployed ?? now.toISOString(),
      last_deployed: now.toISOString(),
      deleted: GO_ZERO_TIME,
      description: `Rollback to ${previousVersion}`,
      status: 'pending-rollback',
      ...(previous.info?.notes ? { notes: previous.info.notes } : {}),
    },
    ...(previous.chart ? { chart: previous.chart } : {}),
    ...(previous.config ? { config: previous.config } : {}),
    ...(previous.manifest ? { manifest: previous.manifest } : {}),
    ...(previous.hooks ? { hooks: previous.hooks } : {}),
    version: current.version + 1,
    namespace: current.namespace ?? namespace,
  };
  // storage.Create with MaxHistory: make room for one more, never removing the last deployed revision
  for (const old of pruned) await deleteRecord(client, driver, namespace, name, old.version);
  await createRecord(client, driver, target, namespace, now);
  try {
    await applyPlan(client, plan, name, namespace);
  } catch (e) {
    const msg = `Rollback "${name}" failed: ${(e as Error).message}`;
    current.info = { ...current.info, status: 'superseded' };
    target.info = { ...target.info, status: 'failed', description: msg };
    await updateRecord(client, driver, current, namespace, now).catch(() => undefined);
    await updateRecord(client, driver, target, namespace, now).catch(() => undefined);
    throw e;
  }
  // supersede every deployed revision (helm issue #2941), then the new one is deployed
  for (const s of stored) {
    if (s.release.info?.status !== 'deployed' || pruned.includes(s.release)) continue;
    s.release.info = { ...s.release.info, status: 'superseded' };
    await updateRecord(client, driver, s.release, namespace, now);
  }
  target.info = { ...target.info, status: 'deployed' };
  await updateRecord(client, driver, target, namespace, now);
  return { message: `Rollback was a success! Revision ${target.version} of ${name} is revision ${previousVersion}'s configuration.`, revision: target.version };
}

/** storage.removeLeastRecent(name, max-1): the oldest revisions beyond the limit, keeping the last deployed one. */
export function leastRecent(history: HelmRelease[], maxHistory: number): HelmRelease[] {
  if (maxHistory <= 0) return [];
  const keep = maxHistory - 1;
  const h = [...history].sort((a, b) => a.version - b.version);
  if (h.length <= keep) return [];
  const lastDeployed = [...h].reverse().find((r) => r.info?.status === 'deployed');
  const out: HelmRelease[] = [];
  for (const r of h) {
    if (h.length - out.length === keep) break;
    if (r !== lastDeployed) out.push(r);
  }
  return out;
}

export async function uninstall(deps: ActionDeps, identity: Identity, cluster: string, namespace: string, name: string, keepHistory: boolean): Promise<ActionResult> {
  const now = (deps.now ?? (() => new Date()))();
  const client = deps.registry.client(cluster).as(identity);
  const { driver, stored } = await loadAll(deps, identity, cluster, namespace, name);
  const latest = stored[stored.length - 1]!;
  const rel = latest.release;
  const purge = async () => {
    for (const s of stored) await deleteRecord(client, driver, namespace, name, s.release.version);
  };
  if (rel.info?.status === 'uninstalled') {
    if (keepHistory) throw new K8sApiError({ status: 409, reason: 'Conflict', message: `the release named "${name}" is already deleted`, cluster });
    await refuseUnlessAllowed(deps, identity, cluster, 'uninstall', recordChecks(driver, namespace, ['delete']));
    await purge();
    return { message: `release "${name}" uninstalled` };
  }
  const objs = resolveObjects(splitManifest(rel.manifest), await deps.discovery.all(cluster), namespace);
  const toDelete = objs.filter((o) => o.info && !keepsOnDelete(o));
  const kept = objs.filter((o) => o.info && keepsOnDelete(o));
  await refuseUnlessAllowed(deps, identity, cluster, 'uninstall', [...recordChecks(driver, namespace, keepHistory ? ['update'] : ['update', 'delete']), ...deleteChecks(toDelete)]);

  rel.info = { ...rel.info, status: 'uninstalling', deleted: now.toISOString(), description: 'Deletion in progress (or silently failing)' };
  await updateRecord(client, driver, rel, namespace, now);
  // helm deletes in UninstallOrder (the reverse of its install order by kind); here: the manifest's order reversed
  for (const o of [...toDelete].reverse()) await deleteObject(client, o);
  rel.info = { ...rel.info, status: 'uninstalled', description: 'Uninstallation complete' };
  if (!keepHistory) await purge();
  else await updateRecord(client, driver, rel, namespace, now);
  const keptNote = kept.length ? ` These resources were kept due to the resource policy: ${kept.map((o) => `${o.kind}/${o.name}`).join(', ')}.` : '';
  return { message: `release "${name}" uninstalled${keepHistory ? ' (history kept)' : ''}.${keptNote}` };
}
