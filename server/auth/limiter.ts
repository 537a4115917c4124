/**
 * A per-key fixed-window rate limiter for places @fastify/rate-limit cannot hook into (socket.io events, e.g.
 * log streams per user). HTTP routes use @fastify/rate-limit (server/auth/plugin.ts). Keys are usually
 * `identityKey(identity)` (server/auth/identity.ts). Memory is bounded: expired windows are dropped as calls come in.
 */
export interface UserLimiter {
  /** counts one call for `key`: ok, or refused with the time until its window ends */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number };
}

export function createUserLimiter(o: { max: number; windowMs: number; now?: () => number }): UserLimiter {
  const now = o.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    take(key) {
      const t = now();
      if (t - lastSweep > o.windowMs) {
        for (const [k, w] of windows) if (t - w.start >= o.windowMs) windows.delete(k);
        lastSweep = t;
      }
      let w = windows.get(key);
      if (!w || t - w.start >= o.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= o.max) return { ok: false, retryAfterMs: w.start + o.windowMs - t };
      w.count++;
      return { ok: true };
    },
  };
}
