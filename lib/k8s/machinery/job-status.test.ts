import { describe, expect, it } from 'vitest';
import { jobCompletions, jobDuration, jobStatus } from './job-status';

const cond = (type: string, status = 'True') => ({ type, status });

describe("kubectl's Job columns", () => {
  it('STATUS follows printJob: terminal conditions first, then Terminating, then the interim conditions', () => {
    expect(jobStatus({ status: { conditions: [cond('Complete')] } })).toBe('Complete');
    expect(jobStatus({ status: { conditions: [cond('Failed'), cond('FailureTarget')] } })).toBe('Failed');
    expect(jobStatus({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { conditions: [cond('FailureTarget')] } })).toBe('Terminating');
    expect(jobStatus({ status: { conditions: [cond('SuccessCriteriaMet'), cond('Suspended')] } })).toBe('SuccessCriteriaMet');
    expect(jobStatus({ status: { conditions: [cond('Suspended')] } })).toBe('Suspended');
    expect(jobStatus({ status: { conditions: [cond('Complete', 'False')] } })).toBe('Running');
  });

  it('COMPLETIONS: succeeded/completions, and "n/1 of m" for a parallel job without completions', () => {
    expect(jobCompletions({ spec: { completions: 3, template: {} }, status: { succeeded: 2 } })).toBe('2/3');
    expect(jobCompletions({ spec: { parallelism: 4, template: {} }, status: { succeeded: 1 } })).toBe('1/1 of 4');
    expect(jobCompletions({ spec: { template: {} } })).toBe('0/1');
  });

  it('DURATION runs to completionTime, or to now while the job runs', () => {
    const status = { startTime: '2026-01-01T00:00:00Z' };
    expect(jobDuration({ status }, Date.parse('2026-01-01T00:00:42Z'))).toBe('42s');
    expect(jobDuration({ status: { ...status, completionTime: '2026-01-01T00:02:00Z' } }, Date.parse('2026-01-02T00:00:00Z'))).toBe('2m');
    expect(jobDuration({}, 0)).toBe('');
  });
});
