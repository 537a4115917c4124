/**
 * Workload operations that are not a plain write of one object: rollout history, rollback with kubectl rollout
 * undo's semantics (computed here, not in the browser, so the precondition is taken from the object the server
 * just read), restart, pause/resume, and on nodes cordon/uncordon/drain (server/api/workloads-drain.ts). Scale and
 * delete are plain writes and go through the generic resource routes (server/api/resources.ts). Every write is
 * recorded in the audit log with its outcome. Upstream URLs come only from validated tuples (server/k8s/paths.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  controllerRevisions,
  controllerRollback,
  deploymentRevisions,
  deploymentRollback,
  restartPatch,
  RolloutError,
  type HistoryResponse,
  type RollbackPlan,
} from '../../lib/k8s/rollout';
import type { K8sObject } from '../../lib/k8s/types';
import { badRequest, K8sApiError } from '../k8s/errors';
import { queryString, resourcePath } from '../k8s/paths';
import { audited, type AuditLog, type AuditObject } from '../audit';
import { auditFor, nameParams, optNamespace, parse, resolveTarget, scopeNamespace, type RouteDeps } from './common';
import { drainRoutes } from './workloads-drain';
import { labelSelectorToString } from '../../lib/k8s/machinery/labels';

export interface WorkloadDeps extends RouteDeps {
  audit: AuditLog;
}

const MERGE = 'application/merge-patch+json';
/** resourceVersion: the version the user saw when choosing; the patch is conditional on it (default: the one read here) */
const rollbackBody = z.object({ revision: z.number().int().min(0), resourceVersion: z.string().min(1).max(64).optional() });
const ROLLOUT_KINDS = new Set(['deployments', 'statefulsets', 'daemonsets']);

function conflict(obj: K8sObject, cluster: string): K8sApiError {
  return new K8sApiError({
    status: 409,
    reason: 'Conflict',
    message: `Operation cannot be fulfilled on ${obj.kind ?? 'object'} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
    cluster,
  });
}

function rolloutError(e: unknown, cluster: string): unknown {
  return e instanceof RolloutError ? new K8sApiError({ status: e.status, reason: e.reason, message: e.message, cluster }) : e;
}

export async function workloadRoutes(app: FastifyInstance, deps: WorkloadDeps): Promise<void> {
  const base = '/api/clusters/:cluster/workloads/:group/:version/:resource/:name';

  /**
   * Resolves the validated target and the upstream paths; `needs` restricts the kinds an operation applies to.
   * The client acts for the request's person and `audit` names them.
   */
  async function target(req: FastifyRequest, needs: 'rollout' | 'deployment') {
    const p = parse(nameParams, req.params, 'path');
    const q = parse(optNamespace, req.query, 'query');
    const { client, info } = await resolveTarget(deps, p, req);
    const namespace = scopeNamespace(info, q.namespace, true, p.cluster);
    const apps = p.group === 'apps';
    if (needs === 'rollout' && !(apps && ROLLOUT_KINDS.has(p.resource))) throw badRequest(`${p.resource} has no rollout history`, p.cluster);
    if (needs === 'deployment' && !(apps && p.resource === 'deployments')) throw badRequest(`only deployments can be paused and resumed`, p.cluster);
    const tuple = { group: p.group, version: p.version, resource: p.resource, namespace, name: p.name };
    const object: AuditObject = { group: p.group, version: p.version, resource: p.resource, namespace, name: p.name };
    return { p, client, info, namespace, tuple, object, path: resourcePath(tuple), audit: auditFor(deps.audit, req) };
  }

  type T = Awaited<ReturnType<typeof target>>;

  /** Lists a namespace's objects of an apps/v1 or core/v1 kind (owner filtering happens in lib/k8s/rollout). */
  async function listIn(t: T, group: string, resource: string, labelSelector?: string): Promise<K8sObject[]> {
    const path = resourcePath({ group, version: 'v1', resource, namespace: t.namespace }) + queryString({ labelSelector });
    const list = await t.client.request<{ items?: K8sObject[] }>({ path });
    return list.items ?? [];
  }

  async function history(t: T): Promise<{ obj: K8sObject; response: HistoryResponse; raw: K8sObject[] }> {
    const obj = await t.client.request<K8sObject>({ path: t.path });
    if (t.p.resource === 'deployments') {
      const raw = await listIn(t, 'apps', 'replicasets');
      return { obj, raw, response: { kind: 'Deployment', revisions: deploymentRevisions(obj, raw) } };
    }
    const raw = await listIn(t, 'apps', 'controllerrevisions');
    const pods = await listIn(t, '', 'pods', labelSelectorToString(obj.spec?.selector) || undefined);
    const counts: Record<string, number> = {};
    for (const pod of pods) {
      const h = pod.metadata.labels?.['controller-revision-hash'];
      if (h) counts[h] = (counts[h] ?? 0) + 1;
    }
    // StatefulSet pods carry the full revision name, DaemonSet pods only its hash suffix
    const byName: Record<string, number> = {};
    for (const cr of raw) byName[cr.metadata.name] = counts[cr.metadata.name] ?? counts[cr.metadata.name.slice(obj.metadata.name.length + 1)] ?? 0;
    return { obj, raw, response: { kind: t.p.resource === 'statefulsets' ? 'StatefulSet' : 'DaemonSet', revisions: controllerRevisions(obj, raw, byName) } };
  }

  /** One read-plan-patch round of a rollback, the patch conditional on `resourceVersion` (or the version read). */
  async function rollbackOnce(t: T, revision: number, resourceVersion?: string) {
    const { obj: read, raw } = await history(t);
    const expected = resourceVersion ?? read.metadata.resourceVersion;
    const obj: K8sObject = { ...read, metadata: { ...read.metadata, resourceVersion: expected } };
    let plan: RollbackPlan;
    try {
      plan = t.p.resource === 'deployments' ? deploymentRollback(obj, raw, revision) : controllerRollback(obj, raw, revision, t.p.resource.slice(0, -1));
    } catch (e) {
      throw rolloutError(e, t.p.cluster);
    }
    if (plan.skipped) return { skipped: true, message: plan.message, object: read };
    try {
      const object = await t.client.request<K8sObject>({ method: 'PATCH', path: t.path, body: plan.patch, contentType: plan.patchType });
      return { skipped: false, message: `rolled back to revision ${plan.revision}`, revision: plan.revision, object };
    } catch (e) {
      // a failed json-patch `test` op is a generic 422: decide by state, not message text, whether it was our precondition
      if (e instanceof K8sApiError && e.status === 422 && plan.patchType === 'application/json-patch+json') {
        const now = await t.client.request<K8sObject>({ path: t.path });
        if (now.metadata.resourceVersion !== expected) throw conflict(read, t.p.cluster);
      }
      throw e;
    }
  }

  app.get(`${base}/history`, async (req) => {
    const t = await target(req, 'rollout');
    return (await history(t)).response;
  });

  app.post(`${base}/rollback`, async (req) => {
    const t = await target(req, 'rollout');
    const { revision, resourceVersion } = parse(rollbackBody, req.body ?? {}, 'body');
    return audited(
      t.audit,
      t.p.cluster,
      'rollback',
      t.object,
      async () => {
        // without a user-given version, a conflict only means a controller wrote status meanwhile: re-plan, bounded
        for (let attempt = 1; ; attempt++) {
          try {
            return await rollbackOnce(t, revision, resourceVersion);
          } catch (e) {
            if (resourceVersion || attempt >= 3 || !(e instanceof K8sApiError && e.status === 409)) throw e;
          }
        }
      },
      (r) => r.message,
    );
  });

  app.post(`${base}/restart`, async (req) => {
    const t = await target(req, 'rollout');
    return audited(t.audit, t.p.cluster, 'restart', t.object, async () => {
      if (t.p.resource === 'deployments') {
        const obj = await t.client.request<K8sObject>({ path: t.path });
        if (obj.spec?.paused) throw new K8sApiError({ status: 400, reason: 'BadRequest', message: `can't restart paused deployment (run rollout resume first)`, cluster: t.p.cluster });
      }
      return t.client.request({ method: 'PATCH', path: t.path, body: restartPatch(), contentType: MERGE });
    });
  });

  for (const verb of ['pause', 'resume'] as const) {
    app.post(`${base}/${verb}`, async (req) => {
      const t = await target(req, 'deployment');
      return audited(t.audit, t.p.cluster, verb, t.object, () =>
        t.client.request({ method: 'PATCH', path: t.path, body: { spec: { paused: verb === 'pause' } }, contentType: MERGE }),
      );
    });
  }

  await drainRoutes(app, deps);
}
