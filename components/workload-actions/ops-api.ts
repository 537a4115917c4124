/**
 * One `runOp` for the detail page's operations (scale, history's rollback, the action buttons): runs the call
 * (a lib/k8s/client request) and shows the outcome as a toast, the server's message verbatim on failure.
 */
import { toast } from 'sonner';
import { errorMessage } from '@/lib/api-client';

/** Runs `call`; success and failure both end in a toast. Returns its result, or throws after the toast. */
export async function runOp<T = unknown>(call: () => Promise<T>, opts: { success: string | ((r: T) => string); failure: string }): Promise<T> {
  try {
    const r = await call();
    toast.success(typeof opts.success === 'function' ? opts.success(r) : opts.success);
    return r;
  } catch (e) {
    toast.error(opts.failure, { description: errorMessage(e) });
    throw e;
  }
}
