import type { ReactNode } from 'react';

/** The class of a body cell in the detail page's small tables. */
export const detailCell = 'border-b border-line/60 px-4 py-1.5';

/** A small table on the detail page (conditions, events, containers, pods …): a header row of plain column names. */
export function DetailTable({ headers, label, nowrap, children }: { headers: string[]; label?: string; nowrap?: boolean; children: ReactNode }) {
  return (
    <table className={nowrap ? 'w-full text-sm whitespace-nowrap' : 'w-full text-sm'} aria-label={label}>
      <thead>
        <tr className="text-left text-fg-muted">
          {headers.map((h) => (
            <th key={h} scope="col" className="border-b border-line px-4 py-1.5 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
