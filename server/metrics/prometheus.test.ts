/**
 * The Prometheus path against a real Prometheus (Debian's 2.42 at /usr/bin/prometheus): it scrapes the
 * sandbox over HTTPS with its bearer token and CA (the kubelets' cAdvisor endpoint through nodes/proxy, and a
 * kube-state-metrics pod through services/proxy), and sits behind a selector-less `prometheus-operated`
 * Service whose endpoint address the sandbox routes to it. The BFF finds it by convention and queries it
 * with query_range through services/proxy, as the person.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startHarness, type Harness } from '../watch/testing';
import type { MetricsHistory } from '../../lib/metrics/api';
import { pickPrometheus, queryRange } from './prometheus';
import { K8sApiError } from '../k8s/errors';
import { R } from '@wheelhouse/sandbox/testing';
import type { KObject } from '@wheelhouse/sandbox/testing';

const PROMETHEUS = '/usr/bin/prometheus';
const hasPrometheus = fs.existsSync(PROMETHEUS);
const PROM_IP = '10.244.250.10';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.skipIf(!hasPrometheus)('metrics from a real Prometheus through services/proxy', () => {
  let h: Harness;
  let prom: ChildProcess | undefined;
  let dir: string;
  let promUrl: string;
  let nodeName: string;


  beforeAll(async () => {
    h = await startHarness({ name: 'prom-test', sandbox: { noRuntime: false, scenario: 'demo' }, dataPlane: { metrics: { timer: false } } });
    const client = h.sandbox.client;
    const nodes = client.list(R.nodes).items;
    nodeName = nodes[0]!.metadata.name!;
    // a kube-state-metrics Deployment and Service, as the chart installs them
    client.create(R.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kube-state-metrics', namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'kube-state-metrics' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'kube-state-metrics' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'kube-state-metrics' } },
          spec: { containers: [{ name: 'kube-state-metrics', image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0', ports: [{ name: 'http-metrics', containerPort: 8080 }] }] },
        },
      },
    } as KObject);
    client.create(R.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-state-metrics', namespace: 'kube-system' },
      spec: { selector: { 'app.kubernetes.io/name': 'kube-state-metrics' }, ports: [{ name: 'http-metrics', port: 8080, targetPort: 'http-metrics' }] },
    } as KObject);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-prom-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), h.sandbox.caPem);
    fs.writeFileSync(path.join(dir, 'token'), h.sandbox.token);
    const api = new URL(h.sandbox.server).host;
    const common = `    scheme: https\n    authorization:\n      credentials_file: ${dir}/token\n    tls_config:\n      ca_file: ${dir}/ca.pem\n`;
    const config = [
      'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:',
      `  - job_name: kubelet\n${common}    static_configs:\n${nodes.map((n) => `      - targets: ['${api}']\n        labels: { node: '${n.metadata.name}' }`).join('\n')}\n    relabel_configs:\n      - source_labels: [node]\n        target_label: __metrics_path__\n        replacement: /api/v1/nodes/$1/proxy/metrics/cadvisor`,
      `  - job_name: kube-state-metrics\n${common}    metrics_path: /api/v1/namespaces/kube-system/services/kube-state-metrics:http-metrics/proxy/metrics\n    static_configs:\n      - targets: ['${api}']`,
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), `${config}\n`);
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prom = spawn(PROMETHEUS, [`--config.file=${dir}/prometheus.yml`, `--storage.tsdb.path=${dir}/data`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });

    // Prometheus behind the convention's Service: a selector-less Service + Endpoints at a pod-network address
    // (the demo scenario's `monitoring` namespace runs a simulated Prometheus under a non-conventional name)
    h.sandbox.client.create(R.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'prometheus-operated', namespace: 'monitoring' },
      spec: { clusterIP: 'None', ports: [{ name: 'web', port: 9090, targetPort: 'web' }] },
    });
    h.sandbox.client.create(R.endpoints, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'prometheus-operated', namespace: 'monitoring' },
      subsets: [{ addresses: [{ ip: PROM_IP }], ports: [{ name: 'web', port: 9090 }] }],
    });
    h.sandbox.attach(PROM_IP, 9090, { host: '127.0.0.1', port });

    // both jobs up and a rate computable (two cAdvisor scrapes)
    await eventually(
      async () => {
        const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent('count(rate(container_cpu_usage_seconds_total{id="/"}[1m])) and count(kube_pod_info)')}`).catch(() => undefined);
        const body = (await r?.json().catch(() => undefined)) as { data?: { result?: unknown[] } } | undefined;
        return (body?.data?.result?.length ?? 0) > 0;
      },
      60_000,
      'Prometheus scraping the sandbox',
      250,
    );
  }, 120_000);

  afterAll(async () => {
    prom?.kill('SIGKILL');
    await h?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the sandbox: kubelet cAdvisor series per container and kube-state-metrics per pod', async () => {
    const q = async (query: string) => ((await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(query)}`)).json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
    const mem = await q('container_memory_working_set_bytes{namespace="kube-system",container!=""}');
    expect(mem.length).toBeGreaterThan(0);
    expect(Number(mem[0].value[1])).toBeGreaterThan(1024 * 1024);
    const req = await q('kube_pod_container_resource_requests{namespace="kube-system",resource="cpu"}');
    expect(req.some((r) => r.metric.pod.startsWith('coredns-'))).toBe(true);
    const cap = await q(`kube_node_status_allocatable{node="${nodeName}",resource="memory"}`);
    expect(Number(cap[0].value[1])).toBeGreaterThan(0);
  });

  it('finds prometheus-operated by convention and answers a range the local history does not cover from it', async () => {
    // rate() needs two scrapes of this node inside the window: ask until Prometheus has them
    const body = await vi.waitFor(
      async () => {
        const res = await fetch(`${h.url}/api/clusters/${h.clusterId}/metrics/history?target=node&name=${nodeName}&range=15m`);
        expect(res.status).toBe(200);
        const b = (await res.json()) as MetricsHistory;
        expect(b.series[0]?.cpu.some((v) => v !== null)).toBe(true);
        return b;
      },
      { timeout: 60_000, interval: 1_000 },
    );
    expect(body.source).toBe('prometheus');
    expect(body.sourceDetail).toContain('monitoring/prometheus-operated');
    expect(body.series[0].name).toBe(nodeName);
    expect(body.series[0].memory.filter((v) => v !== null).length).toBeGreaterThan(0);
    expect(body.series[0].cpu.filter((v) => v !== null).length).toBeGreaterThan(0);

    const pods = await fetch(`${h.url}/api/clusters/${h.clusterId}/metrics/history?target=workload&namespace=kube-system&name=coredns&selector=k8s-app%3Dkube-dns&range=1h`);
    const wb = (await pods.json()) as MetricsHistory;
    expect(wb.source).toBe('prometheus');
    expect(wb.series.length).toBeGreaterThan(0);
    expect(wb.series.every((s) => s.name.startsWith('coredns-'))).toBe(true);
  });

  it('queries as the person: someone without services/proxy is refused by the cluster', async () => {
    const target = pickPrometheus(h.sandbox.client.list(R.services).items)!;
    expect(target).toEqual({ namespace: 'monitoring', service: 'prometheus-operated', port: 'web' });
    const nobody = h.dp.registry.client(h.clusterId).as({ kind: 'user', username: 'nobody', groups: [], admin: false });
    const err = await queryRange(nobody, target, { target: 'node', name: nodeName, range: '15m' }, Date.now() - 900_000, Date.now(), 15_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(K8sApiError);
    expect((err as K8sApiError).status).toBe(403);
  });
});
