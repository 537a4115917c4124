'use client';
/**
 * A horizontally scrolling panel (wide tables on narrow screens). While its content overflows it is focusable,
 * so a keyboard can scroll it (WCAG 2.1.1); when everything fits it adds no tab stop.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function ScrollPanel({ children, labelledBy }: { children: ReactNode; labelledBy?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent"
      tabIndex={overflows ? 0 : undefined}
      role={overflows ? 'group' : undefined}
      aria-labelledby={overflows ? labelledBy : undefined}
    >
      {children}
    </div>
  );
}
