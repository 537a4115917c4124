/**
 * Browser code Next.js runs before the app hydrates (the `instrumentation-client` file convention). Wheelhouse uses
 * it for one thing: a first load of a list page starts that list's watch at once (components/resource-table/
 * list-watch.ts), so the socket connects and the first snapshot page arrives while React is still hydrating the
 * shell — instead of from the list's effect, after hydration (bench:ui's first rows at 10,000 pods).
 */
// first, before any module builds a zod schema: zod decides at schema construction whether to probe eval, which
// the CSP reports (see lib/zod-browser.ts); this file is the first app code the browser runs
import '@/lib/zod-browser';
import { prewatchFromLocation } from '@/components/resource-table/list-watch';

prewatchFromLocation(window.location);
