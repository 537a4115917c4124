/**
 * Node operations: cordon / uncordon (spec.unschedulable) and drain with kubectl drain's semantics: cordon,
 * then evict every pod on the node except DaemonSet-managed and mirror (static) pods through pods/eviction,
 * retrying 429s (a PodDisruptionBudget says "not now") with capped backoff until a bounded deadline, and wait
 * for each evicted pod to be gone. Progress streams as NDJSON lines (one per pod), so the UI can show
 * per-pod results as they happen; the whole drain is one audit line with its totals.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { k8sName } from '../../lib/protocol';
import type { K8sObject } from '../../lib/k8s/types';
import { K8sApiError } from '../k8s/errors';
import type { K8sClient } from '../k8s/client';
import { queryString, resourcePath } from '../k8s/paths';
import { auditFor, clusterParams, parse, personClient } from './common';
import { audited } from '../audit';
import type { WorkloadDeps } from './workloads';

const nodeParams = clusterParams.extend({ name: k8sName });
const drainBody = z
  .object({
    /** overall bound for evictions + waiting for pods to go (kubectl drain --timeout) */
    timeoutSeconds: z.number().int().min(1).max(600).default(120),
    gracePeriodSeconds: z.number().int().min(0).optional(),
  })
  .default({ timeoutSeconds: 120 });

export type DrainLine =
  | { type: 'start'; node: string; pods: { namespace: string; name: string }[]; skipped: { namespace: string; name: string; reason: string }[] }
  | { type: 'pod'; namespace: string; name: string; result: 'evicted' | 'failed'; message?: string; attempts: number }
  | { type: 'done'; evicted: number; failed: number };

const MERGE = 'application/merge-patch+json';

/** Why kubectl drain leaves a pod alone, or undefined when it is evicted. */
export function skipReason(pod: K8sObject): string | undefined {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return 'mirror pod';
  const ctrl = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (ctrl?.kind === 'DaemonSet') return 'managed by a DaemonSet';
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function evictOne(client: K8sClient, pod: K8sObject, deadline: number, grace: number | undefined): Promise<Extract<DrainLine, { type: 'pod' }>> {
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const podPath = resourcePath({ group: '', version: 'v1', resource: 'pods', namespace: ns, name });
  const body = {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name, namespace: ns },
    ...(grace !== undefined ? { deleteOptions: { gracePeriodSeconds: grace } } : {}),
  };
  let attempts = 0;
  let delay = 250;
  for (;;) {
    attempts++;
    try {
      await client.request({ method: 'POST', path: `${podPath}/eviction`, body });
      break;
    } catch (e) {
      if (e instanceof K8sApiError && e.status === 404) return { type: 'pod', namespace: ns, name, result: 'evicted', message: 'already gone', attempts };
      const retry = e instanceof K8sApiError && e.status === 429;
      if (!retry || Date.now() + delay > deadline) {
        return { type: 'pod', namespace: ns, name, result: 'failed', message: e instanceof Error ? e.message : String(e), attempts };
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }
  // evicted: wait until the pod (this incarnation, by uid) no longer exists
  for (;;) {
    try {
      const cur = await client.request<K8sObject>({ path: podPath });
      if (cur.metadata.uid !== pod.metadata.uid) break;
    } catch (e) {
      if (e instanceof K8sApiError && e.status === 404) break;
      throw e;
    }
    if (Date.now() > deadline) return { type: 'pod', namespace: ns, name, result: 'failed', message: 'evicted, but the pod was not deleted before the drain timeout', attempts };
    await sleep(250);
  }
  return { type: 'pod', namespace: ns, name, result: 'evicted', attempts };
}

export async function drainRoutes(app: FastifyInstance, deps: WorkloadDeps): Promise<void> {
  /** The node's tuple; cordon, listing and evictions act for the request's person, audit lines name them. */
  const node = (req: FastifyRequest) => {
    const p = parse(nodeParams, req.params, 'path');
    const client = personClient(deps, p.cluster, req);
    const path = resourcePath({ group: '', version: 'v1', resource: 'nodes', name: p.name });
    return { p, client, path, audit: auditFor(deps.audit, req), object: { group: '', version: 'v1', resource: 'nodes', name: p.name } };
  };
  const cordon = (t: ReturnType<typeof node>, on: boolean) =>
    t.client.request<K8sObject>({ method: 'PATCH', path: t.path, body: { spec: { unschedulable: on ? true : null } }, contentType: MERGE });

  for (const verb of ['cordon', 'uncordon'] as const) {
    app.post(`/api/clusters/:cluster/nodes/:name/${verb}`, async (req) => {
      const t = node(req);
      return audited(t.audit, t.p.cluster, verb, t.object, () => cordon(t, verb === 'cordon'));
    });
  }

  app.post('/api/clusters/:cluster/nodes/:name/drain', async (req, reply) => {
    const t = node(req);
    const opts = parse(drainBody, req.body ?? undefined, 'body');
    // failures before any pod is touched (unknown node, forbidden) answer as ordinary typed errors
    await audited(t.audit, t.p.cluster, 'cordon', t.object, () => cordon(t, true));
    const list = await t.client.request<{ items?: K8sObject[] }>({
      path: resourcePath({ group: '', version: 'v1', resource: 'pods' }) + queryString({ fieldSelector: `spec.nodeName=${t.p.name}` }),
    });
    const pods = list.items ?? [];
    const evict = pods.filter((p) => !skipReason(p));
    const out = new PassThrough();
    const write = (l: DrainLine) => out.write(`${JSON.stringify(l)}\n`);
    write({
      type: 'start',
      node: t.p.name,
      pods: evict.map((p) => ({ namespace: p.metadata.namespace!, name: p.metadata.name })),
      skipped: pods.filter((p) => skipReason(p)).map((p) => ({ namespace: p.metadata.namespace!, name: p.metadata.name, reason: skipReason(p)! })),
    });
    const deadline = Date.now() + opts.timeoutSeconds * 1000;
    void audited(
      t.audit,
      t.p.cluster,
      'drain',
      t.object,
      async () => {
        let evicted = 0;
        let failed = 0;
        // all pods at once, like kubectl: a PDB-blocked pod must not hold up the others
        await Promise.all(
          evict.map(async (pod) => {
            const line = await evictOne(t.client, pod, deadline, opts.gracePeriodSeconds).catch(
              (e: Error): Extract<DrainLine, { type: 'pod' }> => ({ type: 'pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, result: 'failed', message: e.message, attempts: 1 }),
            );
            if (line.result === 'evicted') evicted++;
            else failed++;
            write(line);
          }),
        );
        write({ type: 'done', evicted, failed });
        if (failed > 0) throw new K8sApiError({ status: 500, reason: 'DrainIncomplete', message: `${failed} pod(s) could not be evicted`, cluster: t.p.cluster });
        return { evicted };
      },
      (r) => `evicted ${r.evicted} pod(s)`,
    )
      .catch(() => undefined)
      .finally(() => out.end());
    return reply.type('application/x-ndjson').send(out);
  });
}
