/**
 * Concurrent sessions (terminals and port-forwards) per person and per console. A slot is taken before anything
 * upstream is opened and given back exactly once when the session ends.
 */
import { K8sApiError } from '../k8s/errors';

export class SessionLimits {
  private perUser = new Map<string, number>();
  private total = 0;

  constructor(private readonly o: { maxPerUser: number; maxSessions: number }) {}

  /** Takes a slot for `who`, or throws 429 with the limit that was hit. */
  take(who: string): () => void {
    if (this.total >= this.o.maxSessions) {
      throw new K8sApiError({ status: 429, reason: 'TooManyRequests', message: `the console already runs ${this.total} sessions (WHEELHOUSE_EXEC_MAX_SESSIONS=${this.o.maxSessions}); close one and try again` });
    }
    const mine = this.perUser.get(who) ?? 0;
    if (mine >= this.o.maxPerUser) {
      throw new K8sApiError({ status: 429, reason: 'TooManyRequests', message: `you already have ${mine} terminals or port-forwards open (limit ${this.o.maxPerUser} per person, WHEELHOUSE_EXEC_MAX_PER_USER); close one and try again` });
    }
    this.perUser.set(who, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.perUser.get(who) ?? 1) - 1;
      if (n <= 0) this.perUser.delete(who);
      else this.perUser.set(who, n);
    };
  }

  get active(): number {
    return this.total;
  }
}
