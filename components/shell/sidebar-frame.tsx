import { Suspense } from 'react';
import { SidebarBody, SidebarBrand } from './sidebar';

/** Server-rendered frame; the body reads the URL (pathname, ?ns) so it sits in a Suspense boundary. */
export function Sidebar() {
  return (
    <aside className="flex w-sidebar shrink-0 flex-col border-r border-line bg-surface">
      <SidebarBrand />
      <nav aria-label="Main" className="flex-1 overflow-y-auto px-2 py-3">
        <Suspense fallback={null}>
          <SidebarBody />
        </Suspense>
      </nav>
    </aside>
  );
}
