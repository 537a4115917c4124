import { describe, expect, it } from 'vitest';
import { FakeClock, RealClock } from './clock';

describe('FakeClock', () => {
  it('fires after() timers only when step() reaches their due time, in due order', () => {
    const c = new FakeClock(1000);
    const fired: string[] = [];
    c.after(50, () => fired.push(`b@${c.now()}`));
    c.after(10, () => fired.push(`a@${c.now()}`));
    c.step(9);
    expect(fired).toEqual([]);
    expect(c.waiters).toBe(2);
    c.step(41);
    expect(fired).toEqual(['a@1010', 'b@1050']);
    expect(c.now()).toBe(1050);
    expect(c.waiters).toBe(0);
  });

  it('every() repeats at its period, timers set inside a step fire within it, cancel removes them', () => {
    const c = new FakeClock(0);
    const ticks: number[] = [];
    const cancel = c.every(10, () => ticks.push(c.now()));
    const chained: number[] = [];
    c.after(5, () => c.after(5, () => chained.push(c.now())));
    c.step(35);
    expect(ticks).toEqual([10, 20, 30]);
    expect(chained).toEqual([10]);
    cancel();
    c.step(100);
    expect(ticks).toEqual([10, 20, 30]);
  });

  it('a cancelled after() never fires; stop() drops everything', () => {
    const c = new FakeClock(0);
    let n = 0;
    const cancel = c.after(1, () => n++);
    cancel();
    c.after(2, () => n++);
    c.stop();
    c.step(10);
    expect(n).toBe(0);
  });
});

describe('RealClock', () => {
  it('scales simulated durations by speed', () => {
    const c = new RealClock(25);
    expect(c.real(1000)).toBe(40);
    c.stop();
    expect(() => new RealClock(0)).toThrow();
  });
});
