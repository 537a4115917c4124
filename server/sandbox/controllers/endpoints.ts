/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Endpoints controller: a Service's Endpoints list its selected pods' IPs, ready or not ready. */
import type { KObject } from '../types';
import { iso } from './lib/clock';
import { changed, keyOf, makeController, watchAll, type Ctx } from './lib/context';
import { isPodReady, isTerminal } from './lib/pods';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';
import { labelSelectorToString, matchesMapSelector } from '../../../lib/k8s/machinery/labels';

/** Resolves a Service targetPort (number or container port name) against a pod. */
export function resolveTargetPort(sp: any, pod: KObject | undefined): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(String(tp))) return Number(tp);
  for (const c of (pod as any)?.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp) return p.containerPort;
  return undefined;
}

export function buildSubsets(svc: KObject, pods: KObject[]): any[] {
  const spec = (svc as any).spec ?? {};
  const publishNotReady = !!spec.publishNotReadyAddresses;
  const groups = new Map<string, { addresses: any[]; notReadyAddresses: any[]; ports: any[] }>();
  for (const p of pods) {
    const ip = (p as any).status?.podIP;
    if (!ip || p.metadata.deletionTimestamp || isTerminal(p)) continue;
    const ports = (spec.ports ?? []).map((sp: any) => ({ ...(sp.name ? { name: sp.name } : {}), port: resolveTargetPort(sp, p), protocol: sp.protocol ?? 'TCP' }));
    if (ports.some((x: any) => x.port === undefined)) continue;
    const key = JSON.stringify(ports);
    const g: { addresses: any[]; notReadyAddresses: any[]; ports: any[] } = groups.get(key) ?? { addresses: [], notReadyAddresses: [], ports };
    const addr = {
      ip,
      ...((p as any).spec?.hostname && (p as any).spec?.subdomain === svc.metadata.name ? { hostname: (p as any).spec.hostname } : {}),
      ...((p as any).spec?.nodeName ? { nodeName: (p as any).spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
    };
    if (isPodReady(p) || publishNotReady) g.addresses.push(addr);
    else g.notReadyAddresses.push(addr);
    groups.set(key, g);
  }
  const sortAddr = (a: any, b: any) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  return [...groups.values()].map((g) => ({
    ...(g.addresses.length ? { addresses: g.addresses.sort(sortAddr) } : {}),
    ...(g.notReadyAddresses.length ? { notReadyAddresses: g.notReadyAddresses.sort(sortAddr) } : {}),
    ports: g.ports,
  }));
}

export function startEndpointsController(ctx: Ctx) {
  const { client } = ctx;

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const svc = client.get(R.services, ns, name);
    const ep = client.get(R.endpoints, ns, name);
    if (!svc || svc.metadata.deletionTimestamp) {
      if (ep && ep.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'] === undefined && !ep.metadata.annotations?.['sandbox.wheelhouse.dev/manual']) {
        try {
          client.delete(R.endpoints, ns, name);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      return;
    }
    const sel = (svc as any).spec?.selector as Record<string, string> | undefined;
    if (!sel || Object.keys(sel).length === 0) return; // selector-less services keep hand-written Endpoints
    const labelSelector = labelSelectorToString(sel);
    const pods = client.list(R.pods, { namespace: ns, labelSelector }).items;
    const subsets = buildSubsets(svc, pods);
    if (ep) {
      if (!changed((ep as any).subsets ?? [], subsets)) return;
      client.update(R.endpoints, {
        ...ep,
        metadata: { ...ep.metadata, annotations: { ...(ep.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': iso() } },
        subsets,
      });
    } else {
      client.create(R.endpoints, {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}) }, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': iso() } },
        subsets,
      });
    }
  }

  return makeController(ctx, 'endpoints', reconcile, (enqueue) => watchServicesAndTheirPods(ctx, enqueue));
}

/**
 * The watches shared by the Endpoints and EndpointSlice controllers: every Service change enqueues the Service,
 * and a pod change enqueues the Services whose (non-empty) selector matches it. Services are indexed per
 * namespace, so a pod event finds its Services without listing.
 */
export function watchServicesAndTheirPods(ctx: Ctx, enqueue: (key: string) => void): (() => void)[] {
  const services = new Map<string, Map<string, Record<string, string>>>();
  return [
    watchAll(ctx, R.services, (e) => {
      const ns = e.object.metadata.namespace!;
      const m = services.get(ns) ?? new Map();
      if (e.type === 'DELETED') m.delete(e.object.metadata.name!);
      else m.set(e.object.metadata.name!, (e.object as any).spec?.selector ?? {});
      services.set(ns, m);
      enqueue(keyOf(e.object));
    }),
    watchAll(ctx, R.pods, (e) => {
      const m = services.get(e.object.metadata.namespace!);
      if (!m) return;
      for (const [svc, sel] of m) if (Object.keys(sel).length && matchesMapSelector(sel, e.object.metadata.labels)) enqueue(`${e.object.metadata.namespace}/${svc}`);
    }),
  ];
}
