/**
 * In the browser zod 4 must not probe for eval: on its first object parse it runs `Function("")` in a
 * try/catch to decide whether to JIT-compile parsers, and under the console's CSP (no 'unsafe-eval', see
 * lib/security-headers.ts) that probe is blocked and reported as a CSP violation on every page. jitless
 * parsing is what the CSP would force anyway. The server keeps the JIT (no CSP there).
 * Imported for its side effect first thing by /instrumentation-client.ts (the first app code the browser runs), and
 * by lib/protocol.ts, which every page loads through the socket client.
 */
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });
