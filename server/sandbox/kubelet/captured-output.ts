/**
 * What a container's program printed, when the userland runs it (kubelet/userland/main-script.ts): lines with
 * the time they were written, stdout and stderr interleaved as a container runtime's log file has them. The
 * oldest lines go past MAX_LINES, like a rotated log; `dropped` keeps line indexes stable for followers.
 */
export const MAX_CAPTURED_LINES = 50_000;

export interface CapturedOutput {
  lines: { ms: number; text: string }[];
  /** lines rotated away before lines[0] */
  dropped: number;
  /** the text after the last newline, not yet a line */
  partial: string;
}

export function newCapturedOutput(): CapturedOutput {
  return { lines: [], dropped: 0, partial: '' };
}

export function capture(out: CapturedOutput, chunk: Buffer | string, ms: number): void {
  const parts = (out.partial + chunk.toString()).split('\n');
  out.partial = parts.pop()!;
  for (const text of parts) out.lines.push({ ms, text });
  const over = out.lines.length - MAX_CAPTURED_LINES;
  if (over > MAX_CAPTURED_LINES / 10) {
    out.lines.splice(0, over);
    out.dropped += over;
  }
}

/** The program ended: an unterminated last line still counts, as the runtime writes it on exit. */
export function endCapture(out: CapturedOutput, ms: number): void {
  if (out.partial) out.lines.push({ ms, text: out.partial });
  out.partial = '';
}
