import { Suspense } from 'react';
import { Breadcrumbs } from './breadcrumbs';
import { ClusterSwitcher } from './cluster-switcher';
import { ConnectionIndicator } from './connection-indicator';
import { PaletteButton } from '@/components/palette/palette-button';
import { ThemeToggle } from './theme-toggle';
import { HideOnLogin } from './hide-on-login';
import { UserMenu } from '@/components/auth/user-menu';

export function Header() {
  return (
    <HideOnLogin>
      <header className="flex h-header shrink-0 items-center gap-3 border-b border-line bg-surface px-4">
        <div className="min-w-0 flex-1">
          <Suspense fallback={null}>
            <Breadcrumbs />
          </Suspense>
        </div>
        <PaletteButton />
        <ClusterSwitcher />
        <ConnectionIndicator />
        <ThemeToggle />
        <UserMenu />
      </header>
    </HideOnLogin>
  );
}
