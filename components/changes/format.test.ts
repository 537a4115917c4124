import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '@/lib/history/types';
import { matchesFilter, mergeNewest } from './format';

const rec = (id: string, time: string, o: Partial<ChangeRecord> = {}): ChangeRecord => ({
  id,
  cluster: 'east',
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  uid: 'u',
  resourceVersion: '1',
  time,
  type: 'updated',
  actor: { name: 'admin', via: 'console' },
  summary: 'replicas 2 → 3',
  ...o,
});

describe('mergeNewest', () => {
  it('puts live arrivals and pages together, newest first, once per id', () => {
    const live = [rec('c', '2026-01-01T00:03:00Z'), rec('b', '2026-01-01T00:02:00Z')];
    const pages = [rec('b', '2026-01-01T00:02:00Z'), rec('a', '2026-01-01T00:01:00Z')];
    expect(mergeNewest(live, pages).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('matchesFilter', () => {
  const r = rec('a', '2026-01-01T00:01:00Z');
  it('applies the list query’s filters to a live arrival', () => {
    expect(matchesFilter(r, { cluster: 'east', namespace: 'shop', kind: 'deployment', actor: 'admin', q: 'REPLICAS' })).toBe(true);
    expect(matchesFilter(r, { cluster: 'west' })).toBe(false);
    expect(matchesFilter(r, { kind: 'StatefulSet' })).toBe(false);
    expect(matchesFilter(r, { actor: 'adm' })).toBe(false);
    expect(matchesFilter(r, { q: 'image' })).toBe(false);
    expect(matchesFilter(r, { since: '2026-01-01T00:02:00Z' })).toBe(false);
    expect(matchesFilter(r, { group: '' })).toBe(false);
  });
});
