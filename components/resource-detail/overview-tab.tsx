'use client';
import type { TabProps } from './tabs';
import { MetadataSection } from './metadata-section';
import { ConditionsSection } from './conditions-section';
import { RelatedSection } from './related-section';
import { EventsSection } from './events-section';
import { specSections } from './spec-sections';

/** Overview: the kind's important spec, conditions, metadata, related objects and live events. */
export default function OverviewTab({ cluster, obj }: TabProps) {
  const sections = specSections[obj.kind ?? ''] ?? [];
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <div className="min-w-0 space-y-4 xl:col-span-2">
        {sections.map((S, i) => (
          <S key={i} cluster={cluster} obj={obj} />
        ))}
      </div>
      <div className="min-w-0 space-y-4">
        <MetadataSection cluster={cluster} obj={obj} />
        <ConditionsSection conditions={obj.status?.conditions} />
      </div>
      <div className="min-w-0 space-y-4">
        <RelatedSection cluster={cluster} obj={obj} />
      </div>
      <div className="min-w-0 xl:col-span-2">
        <EventsSection cluster={cluster} obj={obj} />
      </div>
    </div>
  );
}
