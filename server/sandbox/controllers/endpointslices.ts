/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * EndpointSlice controller: each Service with a selector gets one discovery.k8s.io/v1 EndpointSlice
 * (`<service>-<suffix>`, IPv4) listing its selected pods with ready/serving/terminating conditions.
 * Simplification: one slice per Service (upstream splits at 100 endpoints and per distinct port set);
 * pods whose named targetPort does not resolve to the slice's ports are left out.
 */
import type { KObject } from '../types';
import { changed, makeController, watchAll, type Ctx } from './lib/context';
import { isPodReady, isTerminal, ownerRefTo } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';
import { labelSelectorToString } from '../../../lib/k8s/machinery/labels';
import { resolveTargetPort, watchServicesAndTheirPods } from './endpoints';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';

/** Desired ports and endpoints of a Service's slice, from its selected pods. */
export function buildSlice(svc: KObject, pods: KObject[]): { ports: any[]; endpoints: any[] } {
  const spec = (svc as any).spec ?? {};
  const publishNotReady = !!spec.publishNotReadyAddresses;
  const portsFor = (p: KObject | undefined) =>
    (spec.ports ?? []).map((sp: any) => ({ name: sp.name ?? '', port: resolveTargetPort(sp, p), protocol: sp.protocol ?? 'TCP' }));
  let ports: any[] | undefined;
  const endpoints: any[] = [];
  for (const p of pods) {
    const ip = (p as any).status?.podIP;
    if (!ip || isTerminal(p)) continue;
    const pp = portsFor(p);
    if (pp.some((x: any) => x.port === undefined)) continue;
    ports ??= pp;
    if (changed(ports, pp)) continue;
    const terminating = !!p.metadata.deletionTimestamp;
    const serving = isPodReady(p) || publishNotReady;
    endpoints.push({
      addresses: [ip],
      conditions: { ready: serving && !terminating, serving, terminating },
      ...((p as any).spec?.nodeName ? { nodeName: (p as any).spec.nodeName } : {}),
      targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid },
    });
  }
  endpoints.sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : a.addresses[0] > b.addresses[0] ? 1 : 0));
  // with no pods, numeric targetPorts still resolve (upstream publishes an empty slice with ports)
  return { ports: ports ?? portsFor(undefined).filter((x: any) => x.port !== undefined), endpoints };
}

export function startEndpointSliceController(ctx: Ctx) {
  const { client } = ctx;

  function slicesOf(ns: string | undefined, name: string): KObject[] {
    return client.list(R.endpointslices, { namespace: ns, labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY_LABEL}=${MANAGED_BY}` }).items;
  }

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const svc = client.get(R.services, ns, name);
    const sel = (svc as any)?.spec?.selector as Record<string, string> | undefined;
    const existing = slicesOf(ns, name);
    if (!svc || svc.metadata.deletionTimestamp || !sel || Object.keys(sel).length === 0) {
      // GC would remove them through the ownerReference too; deleting here also covers a selector being dropped
      for (const s of existing) {
        try {
          client.delete(R.endpointslices, ns, s.metadata.name!);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      return;
    }
    const labelSelector = labelSelectorToString(sel);
    const { ports, endpoints } = buildSlice(svc, client.list(R.pods, { namespace: ns, labelSelector }).items);
    const labels = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
    const [slice, ...extra] = existing;
    for (const s of extra) client.delete(R.endpointslices, ns, s.metadata.name!);
    if (slice) {
      const cur = slice as any;
      if (!changed(cur.endpoints ?? [], endpoints) && !changed(cur.ports ?? [], ports) && !changed(slice.metadata.labels ?? {}, labels)) return;
      client.update(R.endpointslices, { ...slice, metadata: { ...slice.metadata, labels }, addressType: 'IPv4', endpoints, ports });
      return;
    }
    client.create(R.endpointslices, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { generateName: `${name}-`, namespace: ns, labels, ownerReferences: [ownerRefTo(svc)] },
      addressType: 'IPv4',
      endpoints,
      ports,
    });
  }

  return makeController(ctx, 'endpointslices', reconcile, (enqueue) => [
    ...watchServicesAndTheirPods(ctx, enqueue),
    // a slice edited or deleted by hand is put back
    watchAll(ctx, R.endpointslices, (e) => {
      const svc = e.object.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc && e.object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) enqueue(`${e.object.metadata.namespace}/${svc}`);
    }),
  ]);
}
