import { Suspense } from 'react';
import { SidebarBody, SidebarBrand } from './sidebar';
import { HideOnLogin } from './hide-on-login';
import { SidebarDrawer } from './sidebar-drawer';

/** The frame (hidden on /login); the body reads the URL (pathname, ?ns) so it sits in a Suspense boundary. */
export function Sidebar() {
  return (
    <HideOnLogin>
      <SidebarDrawer>
        <SidebarBrand />
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-2 py-3">
          <Suspense fallback={null}>
            <SidebarBody />
          </Suspense>
        </nav>
      </SidebarDrawer>
    </HideOnLogin>
  );
}
