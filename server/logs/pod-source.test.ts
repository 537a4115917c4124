import { describe, expect, it } from 'vitest';
import { podInfo } from './pod-source';

describe('podInfo', () => {
  it('lists init, app and ephemeral containers in spec order', () => {
    expect(podInfo({ metadata: { name: 'p' }, spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }, { name: 'b' }], ephemeralContainers: [{ name: 'dbg' }] } }).containers).toEqual(['i', 'a', 'b', 'dbg']);
  });
});
