/**
 * The BFF's metrics API, shared by server/metrics and the browser: query parameters (zod, validated at the
 * boundary) and answer shapes. Usage numbers are plain: CPU in cores, memory in bytes, times in epoch ms.
 */
import { z } from 'zod';

export const METRICS_RANGES = ['15m', '1h', '6h', '24h'] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];
export const RANGE_MS: Record<MetricsRange, number> = { '15m': 900_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

/** [namespace, name, cpu cores, memory bytes, index into labelSets (only when labels were asked for)] */
export type PodUsageRow = [string, string, number, number, number?];
/** [name, cpu cores, memory bytes] */
export type NodeUsageRow = [string, number, number];

export interface UsageNow {
  /** false when the cluster serves no metrics.k8s.io (or Wheelhouse may not read it); `reason` says which */
  available: boolean;
  reason?: string;
  /** when the last sample was taken (epoch ms) */
  at?: number;
  intervalMs: number;
  pods: PodUsageRow[];
  labelSets?: Record<string, string>[];
  nodes: NodeUsageRow[];
}

export const usageQuery = z.object({
  kind: z.enum(['pods', 'nodes']),
  namespace: z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).optional(),
  labels: z.enum(['0', '1']).optional(),
});

export const historyQuery = z.object({
  target: z.enum(['pod', 'workload', 'node', 'cluster']),
  namespace: z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).optional(),
  name: z.string().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/).optional(),
  /** a workload's pod selector in label-selector syntax (metav1.FormatLabelSelector) */
  selector: z.string().max(2048).optional(),
  range: z.enum(METRICS_RANGES),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

export type MetricsSource = 'sampler' | 'prometheus';

export interface HistorySeries {
  /** container name (pod), pod name (workload), node name, or "cluster" */
  name: string;
  cpu: (number | null)[];
  memory: (number | null)[];
}

export interface MetricsHistory {
  source: MetricsSource | 'none';
  /** human words for the source, e.g. "Wheelhouse samples of metrics.k8s.io every 15 s" */
  sourceDetail: string;
  available: boolean;
  reason?: string;
  stepMs: number;
  times: number[];
  series: HistorySeries[];
}
