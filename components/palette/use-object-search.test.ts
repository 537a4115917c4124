import { describe, expect, it } from 'vitest';
import { kindById } from '@/lib/k8s/registry';
import { SEARCHED_KIND_IDS, SEARCHED_KINDS } from './use-object-search';

describe('palette object search kinds', () => {
  it('are the registry entries themselves, not copies', () => {
    expect(SEARCHED_KINDS).toHaveLength(SEARCHED_KIND_IDS.length);
    SEARCHED_KIND_IDS.forEach((id, i) => expect(SEARCHED_KINDS[i]).toBe(kindById(id)));
  });
});
