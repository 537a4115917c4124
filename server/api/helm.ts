/**
 * Helm releases (server/helm): lists per cluster and across clusters (labels only, no payloads), a release's
 * detail and any revision's content (decoded as the person), its objects' live status (read as the person),
 * rollback and uninstall (as the person, audited, refused with the reasons when RBAC forbids any part).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { k8sName } from '../../lib/protocol';
import type { HelmActionResponse, HelmDetailResponse, HelmListResponse, HelmResourceStatus, HelmRevisionContent } from '../../lib/helm/types';
import { statusLine } from '../../lib/k8s/summary';
import type { K8sObject } from '../../lib/k8s/types';
import { audited, type AuditLog, type AuditObject } from '../audit';
import { K8sApiError } from '../k8s/errors';
import { resourcePath } from '../k8s/paths';
import { mapLimit, type AccessReviewer } from '../watch/access';
import { rollback, uninstall, type ActionDeps } from '../helm/actions';
import type { HelmService } from '../helm/service';
import { auditFor, clusterParams, identityOf, optNamespace, parse, personClient, type RouteDeps } from './common';

export interface HelmRouteDeps extends RouteDeps {
  access: AccessReviewer;
  audit: AuditLog;
  helm: HelmService;
  actions: ActionDeps;
}

/** release names: helm's chartutil.ValidateReleaseName (DNS-1123 subdomain-ish, ≤ 53 chars) */
const releaseName = z.string().min(1).max(53).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be a Helm release name');
const releaseParams = clusterParams.extend({ namespace: k8sName.max(63), name: releaseName });
const revisionParams = releaseParams.extend({ revision: z.coerce.number().int().min(1).max(1_000_000) });
const rollbackBody = z.object({ revision: z.number().int().min(0).max(1_000_000) });
const uninstallBody = z.object({ keepHistory: z.boolean().default(false) });

const releaseObject = (namespace: string, name: string): AuditObject => ({ group: 'helm.sh', version: 'v1', resource: 'releases', namespace, name });

export async function helmRoutes(app: FastifyInstance, deps: HelmRouteDeps): Promise<void> {
  const base = '/api/clusters/:cluster/helm/releases/:namespace/:name';

  app.get('/api/clusters/:cluster/helm/releases', async (req): Promise<HelmListResponse> => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    const { namespace } = parse(optNamespace, req.query, 'query');
    return { releases: await deps.helm.list(cluster, identityOf(req), namespace), problems: [] };
  });

  app.get('/api/helm/releases', async (req): Promise<HelmListResponse> => {
    const identity = identityOf(req);
    const clusters = deps.registry.list().filter((c) => c.state !== 'unreachable');
    const out: HelmListResponse = { releases: [], problems: [] };
    const results = await mapLimit(clusters, 4, async (c) => {
      try {
        return { rows: await deps.helm.list(c.id, identity) };
      } catch (e) {
        return { problem: { cluster: c.id, message: e instanceof Error ? e.message : String(e) } };
      }
    });
    for (const r of results) {
      if (r.rows) out.releases.push(...r.rows);
      if (r.problem) out.problems.push(r.problem);
    }
    for (const c of deps.registry.list()) if (c.state === 'unreachable') out.problems.push({ cluster: c.id, message: `cluster is unreachable: ${c.error ?? 'unknown error'}` });
    return out;
  });

  app.get(base, async (req): Promise<HelmDetailResponse> => {
    const p = parse(releaseParams, req.params, 'path');
    return deps.helm.detail(p.cluster, identityOf(req), p.namespace, p.name);
  });

  app.get(`${base}/revisions/:revision`, async (req): Promise<HelmRevisionContent> => {
    const p = parse(revisionParams, req.params, 'path');
    return deps.helm.revision(p.cluster, identityOf(req), p.namespace, p.name, p.revision);
  });

  /** the current revision's objects, each read as the person */
  app.get(`${base}/resources`, async (req): Promise<{ resources: HelmResourceStatus[] }> => {
    const p = parse(releaseParams, req.params, 'path');
    const detail = await deps.helm.detail(p.cluster, identityOf(req), p.namespace, p.name);
    if (!detail.current) throw new K8sApiError({ status: 403, reason: 'Forbidden', message: detail.restricted ?? 'forbidden', cluster: p.cluster });
    const client = personClient(deps, p.cluster, req);
    const resources = await mapLimit(detail.current.resources, 8, async (ref): Promise<HelmResourceStatus> => {
      if (!ref.resource) return { ref, exists: false, status: `the cluster does not serve ${ref.kind} (${ref.apiVersion})`, tone: 'muted' };
      try {
        const obj = await client.request<K8sObject>({ path: resourcePath({ group: ref.group!, version: ref.version!, resource: ref.resource, namespace: ref.namespace, name: ref.name }) });
        const line = statusLine(obj);
        return { ref, exists: true, status: line ? `${line.text}${line.detail ? ` (${line.detail})` : ''}` : 'Exists', tone: line?.tone ?? 'ok' };
      } catch (e) {
        if (e instanceof K8sApiError && (e.status === 404 || e.status === 403)) return { ref, exists: e.status !== 404, status: e.status === 404 ? 'Missing' : e.message, tone: e.status === 404 ? 'error' : 'muted' };
        throw e;
      }
    });
    return { resources };
  });

  app.post(`${base}/rollback`, async (req): Promise<HelmActionResponse> => {
    const p = parse(releaseParams, req.params, 'path');
    const { revision } = parse(rollbackBody, req.body, 'body');
    return audited(auditFor(deps.audit, req), p.cluster, 'helm-rollback', releaseObject(p.namespace, p.name), () => rollback(deps.actions, identityOf(req), p.cluster, p.namespace, p.name, revision), (r) => r.message);
  });

  app.post(`${base}/uninstall`, async (req): Promise<HelmActionResponse> => {
    const p = parse(releaseParams, req.params, 'path');
    const { keepHistory } = parse(uninstallBody, req.body ?? {}, 'body');
    return audited(auditFor(deps.audit, req), p.cluster, 'helm-uninstall', releaseObject(p.namespace, p.name), () => uninstall(deps.actions, identityOf(req), p.cluster, p.namespace, p.name, keepHistory), (r) => r.message);
  });
}
