import { forwardRef, type ButtonHTMLAttributes, type MouseEvent } from 'react';
import { cn } from './cn';
import { Tooltip } from './tooltip';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md' | 'icon';

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:opacity-90 border border-transparent',
  secondary: 'bg-surface text-fg border border-line hover:bg-surface-2',
  ghost: 'text-fg hover:bg-surface-2 border border-transparent',
  danger: 'bg-error text-on-error hover:opacity-90 border border-transparent',
};
const sizes: Record<Size, string> = {
  sm: 'h-7 px-2.5 text-sm gap-1.5',
  md: 'h-8 px-3 text-sm gap-2',
  icon: 'h-8 w-8 justify-center',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  /**
   * A hint shown as a tooltip on hover, focus and touch press, and the button's accessible description. While
   * the button is disabled it says why: the button then stays focusable (aria-disabled instead of disabled, its
   * clicks ignored) so a keyboard user can reach the reason.
   */
  hint?: string;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', className, type = 'button', hint, disabled, onClick, ...props },
  ref,
) {
  const soft = Boolean(disabled && hint);
  const button = (
    <button
      ref={ref}
      type={type}
      className={cn(
        'inline-flex shrink-0 items-center rounded-md font-medium transition-colors disabled:pointer-events-none disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50',
        variants[variant],
        sizes[size],
        soft && 'hover:bg-transparent hover:opacity-50',
        className,
      )}
      disabled={soft ? undefined : disabled}
      aria-disabled={soft ? true : undefined}
      onClick={(e: MouseEvent<HTMLButtonElement>) => {
        if (soft) e.preventDefault();
        else onClick?.(e);
      }}
      {...props}
    />
  );
  return hint ? <Tooltip content={hint}>{button}</Tooltip> : button;
});
