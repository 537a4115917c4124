import { describe, expect, it } from 'vitest';
import { findCondition, isConditionTrue, removeCondition, upsertCondition, withTransitionTime, type Condition } from './conditions';

describe('conditions', () => {
  it('lastTransitionTime moves only when the status changes', () => {
    const conds: Condition[] = [];
    expect(upsertCondition(conds, { type: 'Ready', status: 'False', reason: 'A' }, 't1')).toBe(true);
    expect(conds[0].lastTransitionTime).toBe('t1');
    expect(upsertCondition(conds, { type: 'Ready', status: 'False', reason: 'B' }, 't2')).toBe(true);
    expect(conds[0]).toMatchObject({ reason: 'B', lastTransitionTime: 't1' });
    expect(upsertCondition(conds, { type: 'Ready', status: 'False', reason: 'B' }, 't3')).toBe(false);
    expect(upsertCondition(conds, { type: 'Ready', status: 'True', reason: 'B' }, 't4')).toBe(true);
    expect(conds[0].lastTransitionTime).toBe('t4');
    expect(isConditionTrue(conds, 'Ready')).toBe(true);
  });
  it('keeps positions, appends new types, removes by type', () => {
    const conds: Condition[] = [
      { type: 'A', status: 'True' },
      { type: 'B', status: 'True' },
    ];
    upsertCondition(conds, { type: 'A', status: 'False' }, 'now');
    upsertCondition(conds, { type: 'C', status: 'True' }, 'now');
    expect(conds.map((c) => c.type)).toEqual(['A', 'B', 'C']);
    expect(removeCondition(conds, 'B')).toBe(true);
    expect(removeCondition(conds, 'B')).toBe(false);
    expect(findCondition(conds, 'B')).toBeUndefined();
  });
  it('withTransitionTime carries the previous time for a fresh list', () => {
    const prev = [{ type: 'X', status: 'True', lastTransitionTime: 'old' }];
    expect(withTransitionTime<Condition>(prev, { type: 'X', status: 'True' }, 'now').lastTransitionTime).toBe('old');
    expect(withTransitionTime<Condition>(prev, { type: 'X', status: 'False' }, 'now').lastTransitionTime).toBe('now');
    expect(withTransitionTime(undefined, { type: 'X', status: 'False', lastTransitionTime: 'given' }, 'now').lastTransitionTime).toBe('given');
  });
});
