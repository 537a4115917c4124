import { describe, expect, it } from 'vitest';
import { findHpa, sliderMax } from './scale-model';

describe('scale model', () => {
  it('ranges to max(10, 2×desired) and widens to a typed value', () => {
    expect(sliderMax(2, 2)).toBe(10);
    expect(sliderMax(8, 8)).toBe(16);
    expect(sliderMax(3, 40)).toBe(40);
  });
  it('finds the HPA targeting the object by kind and name', () => {
    const hpa = { metadata: { name: 'web-hpa' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 6 } };
    expect(findHpa([hpa], 'Deployment', 'web')).toEqual({ name: 'web-hpa', min: 1, max: 6 });
    expect(findHpa([hpa], 'StatefulSet', 'web')).toBeUndefined();
  });
});
