import { describe, expect, it } from 'vitest';
import type { HelmReleaseRow } from '@/lib/helm/types';
import { filterReleases } from './filter';
import { helmStatusTone } from './status';

const row = (cluster: string, namespace: string, name: string, status: string, chart?: string): HelmReleaseRow => ({ cluster, namespace, name, status, revision: 1, driver: 'secret', ...(chart ? { chart } : {}) });

describe('release list filters', () => {
  const rows = [row('west', 'data', 'kafka-ui', 'failed', 'kafka-ui'), row('east', 'shop', 'web-cache', 'deployed', 'memcached'), row('east', 'payments', 'gw', 'pending-upgrade', 'gateway')];
  it('filters by text over name, namespace, chart and cluster; by status; by namespaces; sorted by cluster, namespace, name', () => {
    expect(filterReleases(rows, { text: '', status: '', namespaces: [] }).map((r) => r.name)).toEqual(['gw', 'web-cache', 'kafka-ui']);
    expect(filterReleases(rows, { text: 'MEMCA', status: '', namespaces: [] }).map((r) => r.name)).toEqual(['web-cache']);
    expect(filterReleases(rows, { text: 'west', status: '', namespaces: [] }).map((r) => r.name)).toEqual(['kafka-ui']);
    expect(filterReleases(rows, { text: '', status: 'failed', namespaces: [] }).map((r) => r.name)).toEqual(['kafka-ui']);
    expect(filterReleases(rows, { text: '', status: '', namespaces: ['shop', 'data'] }).map((r) => r.name)).toEqual(['web-cache', 'kafka-ui']);
  });

  it('colours every helm status', () => {
    expect(['deployed', 'failed', 'pending-install', 'uninstalling', 'superseded', 'uninstalled', 'unknown'].map(helmStatusTone)).toEqual(['ok', 'error', 'info', 'info', 'muted', 'muted', 'warn']);
  });
});
