import type { ReactNode } from 'react';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollPanel } from '@/components/ui/scroll-panel';

/** A titled card; the heading names the region for screen readers. */
export function Section({ title, actions, children, flush }: { title: string; actions?: ReactNode; children: ReactNode; flush?: boolean }) {
  const id = `sec-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Card role="region" aria-labelledby={id}>
      <CardHeader>
        <CardTitle id={id}>{title}</CardTitle>
        {actions}
      </CardHeader>
      {/* flush bodies are tables: wide ones scroll inside the card, never the page */}
      {flush ? <ScrollPanel labelledBy={id}>{children}</ScrollPanel> : <CardBody>{children}</CardBody>}
    </Card>
  );
}

/** Definition list of label → value pairs, skipping empty values. */
export function Fields({ items }: { items: [string, ReactNode][] }) {
  const shown = items.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-fg-muted">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Chips({ map, empty = 'none' }: { map: Record<string, string> | undefined; empty?: string }) {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return <span className="text-fg-muted">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <li key={k} className="max-w-full rounded border border-line bg-surface-2 px-1.5 py-px font-mono text-xs break-all">
          {k}={v}
        </li>
      ))}
    </ul>
  );
}
