/** Joins class names, skipping falsy ones (tiny stand-in for clsx; not a dependency of ours). */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}
