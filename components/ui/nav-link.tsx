'use client';
/**
 * next/link for the console's always-visible navigation (sidebar, breadcrumbs, toolbar links): no prefetch when the
 * link scrolls into view, a prefetch when the pointer enters it or it gets focus instead. Why: the sidebar alone
 * holds ~30 list links; Next's viewport prefetch sent one RSC request per link right after hydration — each a
 * server render of a dynamic route, in the same process that is sending the first snapshot page of the list the
 * user opened (bench:ui's first rows at 10,000 pods). On a click Next fetches what a prefetch would have.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

type Props = Omit<ComponentProps<typeof Link>, 'href' | 'prefetch'> & { href: string };

export function NavLink({ href, onMouseEnter, onFocus, ...rest }: Props) {
  const router = useRouter();
  return (
    <Link
      {...rest}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        onMouseEnter?.(e);
        router.prefetch(href);
      }}
      onFocus={(e) => {
        onFocus?.(e);
        router.prefetch(href);
      }}
    />
  );
}
