import { describe, expect, it } from 'vitest';
import { sleepOnlyMs } from './containers';

describe('how long a sleep-only container runs', () => {
  it('reads sleep N from argv, from args alone (kubectl run -- sleep N) and from sh -c', () => {
    expect(sleepOnlyMs({ command: ['sleep', '3600'] })).toBe(3_600_000);
    expect(sleepOnlyMs({ args: ['sleep', '30'] })).toBe(30_000);
    expect(sleepOnlyMs({ command: ['/bin/sleep'], args: ['1.5m'] })).toBe(90_000);
    expect(sleepOnlyMs({ command: ['sh', '-c', 'exec sleep 2h'] })).toBe(7_200_000);
    expect(sleepOnlyMs({ command: ['sleep', 'infinity'] })).toBe(Infinity);
  });

  it('knows nothing of other programs', () => {
    expect(sleepOnlyMs({ command: ['sh', '-c', 'sleep 5; echo done'] })).toBeUndefined();
    expect(sleepOnlyMs({ command: ['nginx'] })).toBeUndefined();
    expect(sleepOnlyMs({})).toBeUndefined();
    expect(sleepOnlyMs({ command: ['sleep', 'soon'] })).toBeUndefined();
  });
});
