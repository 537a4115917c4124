'use client';
/** Side-by-side diff of two revisions' pod templates as YAML: deliberately small, no Monaco on this tab. */
import YAML from 'yaml';
import type { Revision } from '@/lib/k8s/rollout';
import { TextDiff } from './text-diff';

export function TemplateDiff({ from, to }: { from: Revision; to: Revision }) {
  return (
    <TextDiff
      title={`Revision ${from.revision} vs revision ${to.revision}`}
      left={YAML.stringify(from.template)}
      right={YAML.stringify(to.template)}
      leftLabel={`Revision ${from.revision}`}
      rightLabel={`Revision ${to.revision}`}
      identical="identical pod templates"
    />
  );
}
