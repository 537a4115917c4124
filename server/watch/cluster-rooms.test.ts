import { describe, expect, it } from 'vitest';
import { SharedClusterSubscriptions } from './cluster-rooms';

describe('SharedClusterSubscriptions', () => {
  it('starts one subscription per cluster and releases it when the last member leaves', async () => {
    const shared = new SharedClusterSubscriptions();
    let starts = 0;
    let releases = 0;
    const start = () => {
      starts++;
      return () => void releases++;
    };
    await Promise.all([shared.open('a', start), shared.open('a', start)]);
    shared.join('a');
    shared.join('a');
    expect(starts).toBe(1);
    shared.leave('a');
    await Promise.resolve();
    expect(releases).toBe(0);
    shared.leave('a');
    await shared.open('b', start); // a later tick: the release of 'a' has run
    expect(releases).toBe(1);
    await shared.open('a', start);
    expect(starts).toBe(3);
  });

  it('forgets a start that failed, so the next open tries again', async () => {
    const shared = new SharedClusterSubscriptions();
    await expect(shared.open('a', () => Promise.reject(new Error('unreachable')))).rejects.toThrow('unreachable');
    await Promise.resolve();
    const release = await shared.open('a', () => () => undefined);
    expect(typeof release).toBe('function');
  });

  it('releases every subscription on dispose', async () => {
    const shared = new SharedClusterSubscriptions();
    const released: string[] = [];
    for (const c of ['a', 'b']) {
      await shared.open(c, () => () => void released.push(c));
      shared.join(c);
    }
    shared.dispose();
    await new Promise<void>((r) => queueMicrotask(r));
    await Promise.resolve();
    expect(released.sort()).toEqual(['a', 'b']);
  });
});
