/**
 * Unit tests of the rule-coverage algebra behind the escalation check (covers.ts), on the cases upstream's
 * validation/policy_comparator_test.go cares about: wildcards, "*\/sub" subresources, resourceNames, URL
 * prefixes, and the compact, sorted text of what is missing.
 */
import { describe, expect, it } from 'vitest';
import { describeMissing, uncovered } from './covers';
import type { PolicyRule } from './rbac';

const r = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}),
});

describe('uncovered', () => {
  it('honours verb, group and resource wildcards and */subresource', () => {
    expect(uncovered([r(['*'], ['*'], ['*'])], [r(['get', 'delete'], ['apps'], ['deployments/scale'])])).toEqual([]);
    expect(uncovered([r(['get'], [''], ['*/status'])], [r(['get'], [''], ['pods/status', 'nodes/status'])])).toEqual([]);
    expect(uncovered([r(['get'], [''], ['*/status'])], [r(['get'], [''], ['pods'])])).toEqual([r(['get'], [''], ['pods'])]);
    expect(uncovered([r(['get'], ['apps'], ['pods'])], [r(['get'], [''], ['pods'])])).toHaveLength(1);
  });

  it('needs unrestricted owner rules for unrestricted servant rules, and owned names otherwise', () => {
    const named = [r(['get'], [''], ['configmaps'], ['a', 'b'])];
    expect(uncovered(named, [r(['get'], [''], ['configmaps'], ['a'])])).toEqual([]);
    expect(uncovered(named, [r(['get'], [''], ['configmaps'], ['a', 'c'])])).toEqual([r(['get'], [''], ['configmaps'], ['c'])]);
    expect(uncovered(named, [r(['get'], [''], ['configmaps'])])).toHaveLength(1);
    expect(uncovered([r(['get'], [''], ['configmaps'])], [r(['get'], [''], ['configmaps'], ['z'])])).toEqual([]);
  });

  it('covers non-resource URLs by exact path or trailing-star prefix, never by resource rules', () => {
    const owner: PolicyRule[] = [{ verbs: ['get'], nonResourceURLs: ['/apis/*', '/healthz'] }, r(['*'], ['*'], ['*'])];
    expect(uncovered(owner, [{ verbs: ['get'], nonResourceURLs: ['/apis/apps', '/healthz', '/apis'] }]))
      .toEqual([{ verbs: ['get'], nonResourceURLs: ['/apis'] }]);
  });
});

describe('describeMissing', () => {
  it('merges verbs per simple resource, keeps complex rules, sorts the lines', () => {
    const missing = uncovered([], [
      { verbs: ['get'], nonResourceURLs: ['/metrics'] },
      r(['list', 'get'], ['apps'], ['deployments']),
      r(['get'], [''], ['secrets'], ['db']),
    ]);
    expect(describeMissing(missing)).toBe([
      '{APIGroups:[""], Resources:["secrets"], ResourceNames:["db"], Verbs:["get"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["list" "get"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ].join('\n'));
  });
});
