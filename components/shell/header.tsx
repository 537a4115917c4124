import { Suspense } from 'react';
import { Breadcrumbs } from './breadcrumbs';
import { ClusterSwitcher } from './cluster-switcher';
import { ConnectionIndicator } from './connection-indicator';
import { PaletteButton } from '@/components/palette/palette-button';
import { ThemeToggle } from './theme-toggle';
import { HideOnLogin } from './hide-on-login';
import { UserMenu } from '@/components/auth/user-menu';
import { NavButton } from './nav-button';
import { ShortcutsHelp } from './shortcuts-help';

export function Header() {
  return (
    <HideOnLogin>
      {/* below 1,024 px the breadcrumb gets a row of its own, so the current object's name shows in full */}
      <header className="flex min-h-header shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-line bg-surface px-2 py-1.5 sm:gap-x-3 sm:px-4 lg:h-header lg:flex-nowrap lg:py-0">
        <NavButton />
        <div className="order-last min-w-0 basis-full lg:order-none lg:basis-auto lg:flex-1">
          <Suspense fallback={null}>
            <Breadcrumbs />
          </Suspense>
        </div>
        <div className="flex-1 lg:hidden" />
        <PaletteButton />
        <ClusterSwitcher />
        <ConnectionIndicator />
        <ThemeToggle />
        <ShortcutsHelp />
        <UserMenu />
      </header>
    </HideOnLogin>
  );
}
