'use client';
/**
 * A hint that shows on hover, on keyboard focus and on a touch press (WAI-ARIA tooltip pattern): the trigger is
 * described by the tooltip (aria-describedby, so screen readers hear it whether or not it is shown), Escape
 * hides it, and it never takes focus. Hand-written because no tooltip library is a dependency and the pattern
 * needs only a few events: the tooltip is a `position: fixed` sibling of the trigger, so wrapping an element in
 * it changes no layout (a `title` attribute shows on hover only, which leaves keyboard and touch users without
 * the hint).
 */
import {
  cloneElement,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
  type ReactElement,
} from 'react';
import { useHydrated } from './use-hydrated';

interface TriggerProps {
  tabIndex?: number;
  'aria-describedby'?: string;
  onFocus?: (e: FocusEvent<HTMLElement>) => void;
  onBlur?: (e: FocusEvent<HTMLElement>) => void;
  onPointerEnter?: (e: PointerEvent<HTMLElement>) => void;
  onPointerLeave?: (e: PointerEvent<HTMLElement>) => void;
  onPointerDown?: (e: PointerEvent<HTMLElement>) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
}

export interface TooltipProps {
  /** the hint; nothing is added when it is empty */
  content: string | undefined;
  /** one element that accepts the event props and aria-describedby (a DOM element or a component passing them on) */
  children: ReactElement<TriggerProps>;
  /** makes a trigger that is not a control (text, a badge) reachable by Tab, so keyboard users get the hint */
  focusable?: boolean;
}

const GAP = 6;
const MARGIN = 8;

export function Tooltip({ content, children, focusable }: TooltipProps) {
  const id = useId();
  // hints often hold locale-formatted times: the server's rendering of them would not match the browser's
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLElement | null>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const show = useCallback((el: HTMLElement) => {
    anchor.current = el;
    setOpen(true);
  }, []);
  const hide = useCallback(() => setOpen(false), []);

  // Escape dismisses wherever focus is (a hovered trigger need not be focused); a press elsewhere hides a
  // tooltip opened by touch
  useEffect(() => {
    if (!open) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: globalThis.PointerEvent) => {
      if (anchor.current && !anchor.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  // below the trigger, or above it when there is no room, kept inside the viewport sideways
  useLayoutEffect(() => {
    const el = tip.current;
    const a = anchor.current;
    if (!open || !el || !a) return;
    const r = a.getBoundingClientRect();
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const below = r.bottom + GAP + h <= window.innerHeight - MARGIN || r.top - GAP - h < MARGIN;
    el.style.top = `${below ? r.bottom + GAP : r.top - GAP - h}px`;
    el.style.left = `${Math.max(MARGIN, Math.min(r.left, window.innerWidth - w - MARGIN))}px`;
  }, [open, content]);

  if (!content) return children;
  const p = children.props;
  const trigger = cloneElement(children, {
    'aria-describedby': [p['aria-describedby'], id].filter(Boolean).join(' '),
    ...(focusable ? { tabIndex: 0 } : {}),
    onFocus: (e: FocusEvent<HTMLElement>) => {
      p.onFocus?.(e);
      show(e.currentTarget);
    },
    onBlur: (e: FocusEvent<HTMLElement>) => {
      p.onBlur?.(e);
      hide();
    },
    onPointerEnter: (e: PointerEvent<HTMLElement>) => {
      p.onPointerEnter?.(e);
      if (e.pointerType === 'mouse') show(e.currentTarget);
    },
    onPointerLeave: (e: PointerEvent<HTMLElement>) => {
      p.onPointerLeave?.(e);
      if (e.pointerType === 'mouse' && document.activeElement !== e.currentTarget) hide();
    },
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      p.onPointerDown?.(e);
      if (e.pointerType !== 'mouse') show(e.currentTarget);
    },
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      p.onKeyDown?.(e);
      if (e.key === 'Escape' && open) setOpen(false);
    },
  });
  return (
    <>
      {trigger}
      <span
        ref={tip}
        id={id}
        role="tooltip"
        hidden={!open}
        className="pointer-events-none fixed z-50 max-w-[min(20rem,calc(100vw-16px))] rounded-md border border-line bg-fg px-2 py-1 text-xs font-normal whitespace-pre-line text-surface shadow-md"
      >
        {hydrated ? content : null}
      </span>
    </>
  );
}
