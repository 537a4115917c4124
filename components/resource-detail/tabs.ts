/**
 * Detail-page tabs as data: which tabs a kind gets, and the component for each. Every tab but Overview loads
 * lazily (Monaco, the log viewer, the charts stay out of the initial bundle because panels load only when
 * opened). No string-built dynamic imports: each is explicit. A tab is listed only when it works.
 */
import type { ComponentType } from 'react';
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import OverviewTab from './overview-tab';

export type TabId = 'overview' | 'yaml' | 'logs' | 'terminal' | 'history' | 'metrics' | 'changes';

export interface TabProps {
  cluster: string;
  kind: KindInfo;
  obj: K8sObject;
}

interface EagerTab extends TabBase {
  /** eager component (the default tab: no extra round trip on first paint) */
  component: ComponentType<TabProps>;
  load?: never;
}

interface LazyTab extends TabBase {
  component?: never;
  /** lazily loaded component (heavy tabs: Monaco, charts, log viewer) */
  load: () => Promise<{ default: ComponentType<TabProps> }>;
}

export type TabDef = EagerTab | LazyTab;

interface TabBase {
  id: TabId;
  label: string;
  applies: (k: KindInfo) => boolean;
}

export const tabs: TabDef[] = [
  { id: 'overview', label: 'Overview', applies: () => true, component: OverviewTab },
  { id: 'yaml', label: 'YAML', applies: () => true, load: () => import('@/components/yaml-editor/yaml-tab') },
  { id: 'logs', label: 'Logs', applies: (k) => Boolean(k.logs), load: () => import('@/components/log-viewer/logs-tab') },
  // pods and the workloads that have pods (the same kinds as Logs)
  { id: 'terminal', label: 'Terminal', applies: (k) => Boolean(k.logs), load: () => import('@/components/terminal/terminal-tab') },
  { id: 'history', label: 'History', applies: (k) => Boolean(k.history), load: () => import('@/components/rollout-history/history-tab') },
  { id: 'metrics', label: 'Metrics', applies: (k) => Boolean(k.metrics), load: () => import('@/components/metrics/metrics-tab') },
  // every object: what the change history recorded for it (who, when, diff; restore a version)
  { id: 'changes', label: 'Changes', applies: () => true, load: () => import('@/components/changes/changes-tab') },
];

export function tabsFor(kind: KindInfo): TabDef[] {
  return tabs.filter((t) => t.applies(kind));
}
