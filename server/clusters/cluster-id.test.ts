import { describe, expect, it } from 'vitest';
import { clusterId } from '../../lib/protocol';
import { slugify, uniqueId } from './cluster-id';

describe('cluster ids', () => {
  it('derives DNS-1123 labels from context names', () => {
    expect(slugify('arn:aws:eks:eu-west-1:123:cluster/Prod_Main')).toBe('arn-aws-eks-eu-west-1-123-cluster-prod-main');
    expect(slugify('sandbox-east')).toBe('sandbox-east');
    expect(slugify('___')).toBe('cluster');
    for (const n of ['a'.repeat(100), '-x-', 'Ünïcode@ctx', 'gke_p_z_c']) expect(clusterId.safeParse(slugify(n)).success).toBe(true);
  });
  it('deduplicates with numeric suffixes', () => {
    const taken = new Set(['prod', 'prod-2']);
    expect(uniqueId('Prod', (id) => taken.has(id))).toBe('prod-3');
    const long = 'x'.repeat(70);
    const id = uniqueId(long, (i) => i === 'x'.repeat(63));
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id.endsWith('-2')).toBe(true);
  });
});
