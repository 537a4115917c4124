/** The strategy registry: every entry names a served built-in resource, and lookups follow the served set. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_KINDS } from '../../../kinds';
import { KindRegistry } from '../../kind-registry';
import { BUILTIN_STRATEGIES, StrategyRegistry } from './index';

const widgetCrd = (status: boolean) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, ...(status ? { subresources: { status: {} } } : {}) }],
  },
});

describe('strategy registry', () => {
  it('keys every built-in strategy by a served group/resource', () => {
    const served = new Set(BUILTIN_KINDS.map((k) => `${k.group}/${k.resource}`));
    for (const key of BUILTIN_STRATEGIES.keys()) expect(served, key).toContain(key);
  });

  it('derives the status split and generation of unlisted built-ins from their ServedKind', () => {
    const kinds = new KindRegistry();
    const s = new StrategyRegistry(kinds);
    const ingress = s.for(kinds.lookup('networking.k8s.io', 'v1', 'ingresses')!);
    expect(ingress).toMatchObject({ statusSplit: true, generation: true, allowUnconditionalUpdate: true, returnDeletedObject: false });
    const cm = s.for(kinds.lookup('', 'v1', 'configmaps')!);
    expect(cm).toMatchObject({ statusSplit: false, generation: false });
    const revision = s.for(kinds.lookup('apps', 'v1', 'controllerrevisions')!);
    expect(revision.generation).toBe(false);
    expect(s.for(kinds.lookup('', 'v1', 'pods')!).returnDeletedObject).toBe(true);
  });

  it('gives a custom resource a strategy for the subresources its served version has now', () => {
    const kinds = new KindRegistry();
    const s = new StrategyRegistry(kinds);
    kinds.setCrd(widgetCrd(false));
    const before = s.for(kinds.lookup('example.com', 'v1', 'widgets')!);
    expect(before).toMatchObject({ statusSplit: false, generation: true, allowUnconditionalUpdate: false, returnDeletedObject: true });
    kinds.setCrd(widgetCrd(true));
    expect(s.for(kinds.lookup('example.com', 'v1', 'widgets')!).statusSplit).toBe(true);
  });

  it('counts status as spec for generation only when a custom resource has no status subresource', () => {
    const kinds = new KindRegistry();
    const s = new StrategyRegistry(kinds);
    kinds.setCrd(widgetCrd(false));
    const a = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { x: 1 }, status: { y: 1 } };
    const b = { ...a, status: { y: 2 } };
    expect(s.for(kinds.lookup('example.com', 'v1', 'widgets')!).specChanged(a, b)).toBe(true);
    kinds.setCrd(widgetCrd(true));
    expect(s.for(kinds.lookup('example.com', 'v1', 'widgets')!).specChanged(a, b)).toBe(false);
  });
});
