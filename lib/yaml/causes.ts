/**
 * A Kubernetes 422 (reason Invalid) lists its causes with field paths; this places each on a line of the
 * document it came from. Causes without a usable path land on the document's first line.
 */
import { z } from 'zod';
import { locateField } from './field-path';
import type { ParsedDoc } from './limits';

const cause = z.object({ field: z.string().optional(), message: z.string().optional(), reason: z.string().optional() }).passthrough();
const details = z.object({ causes: z.array(cause).optional() }).passthrough();

export interface LineProblem {
  line: number;
  column?: number;
  message: string;
}

export function causesOf(errDetails: unknown): z.infer<typeof cause>[] {
  const r = details.safeParse(errDetails);
  return r.success ? (r.data.causes ?? []) : [];
}

export function causesToLines(text: string, doc: ParsedDoc, errDetails: unknown, fallbackMessage: string): LineProblem[] {
  const causes = causesOf(errDetails);
  if (causes.length === 0) return [{ line: doc.startLine, message: fallbackMessage }];
  return causes.map((c) => {
    const msg = [c.field, c.message].filter(Boolean).join(': ') || fallbackMessage;
    // kubectl-style paths may start with the kind's name segment ("spec" always exists in a Deployment)
    const at = c.field ? locateField(text, doc.doc, c.field) : undefined;
    return at ? { line: at.line, column: at.column, message: msg } : { line: doc.startLine, message: msg };
  });
}
