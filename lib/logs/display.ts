/**
 * Display limits: single lines over MAX_DISPLAY_CHARS are truncated in the list (a multi-MB line froze
 * Rancher's viewer, rancher/dashboard#15845); the full text stays in the buffer for "Show full line".
 * Pod colours: a stable hue per pod name so a workload's merged view tells pods apart. (The merge itself is
 * the BFF's: server/logs/merge-queue.ts.)
 */
export const MAX_DISPLAY_CHARS = 10_000;

export function truncateForDisplay(text: string, max = MAX_DISPLAY_CHARS): { text: string; truncated: boolean } {
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text, truncated: false };
}

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#65a30d', '#c026d3', '#0d9488'];

export function podColor(pod: string): string {
  let h = 2166136261;
  for (let i = 0; i < pod.length; i++) h = Math.imul(h ^ pod.charCodeAt(i), 16777619);
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}
