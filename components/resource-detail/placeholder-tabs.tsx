import { EmptyState } from '@/components/ui/empty-state';
import type { TabProps } from './tabs';

/* Placeholders until their issues land: they say what is coming instead of an empty panel. */

export function YamlPlaceholder({ obj }: TabProps) {
  return <EmptyState title="YAML editor coming soon" hint={`View and edit ${obj.kind ?? 'this object'} as YAML with schema validation and conflict-safe saves.`} />;
}

export function LogsPlaceholder({ obj }: TabProps) {
  return <EmptyState title="Logs coming soon" hint={`Live, searchable container logs for ${obj.metadata.name}, across all its pods.`} />;
}

export function HistoryPlaceholder({ obj }: TabProps) {
  return <EmptyState title="Rollout history coming soon" hint={`Revisions of ${obj.metadata.name} with diffs and one-click rollback.`} />;
}

export function MetricsPlaceholder({ obj }: TabProps) {
  return <EmptyState title="Metrics coming soon" hint={`CPU and memory charts for ${obj.metadata.name}.`} />;
}
