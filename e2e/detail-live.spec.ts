/**
 * The detail page is live: it watches its one object by name over the socket (fieldSelector
 * metadata.name=<name>), so a change made with kubectl shows without a reload, a deletion says so at once and a
 * re-creation clears that. The waits are shorter than the page's REST fallback poll (15 s, only while the watch
 * is not live): a page that merely polled would fail them. Elements are found by role and accessible name.
 */
import { test, expect } from '@playwright/test';
import { gotoReady, kubectl } from './ui-helpers';

const CLUSTER = 'sandbox-east';
const LIVE_MS = 5_000;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;

test('a detail page shows a label added with kubectl, the deletion and the re-creation, without a reload', async ({ page }) => {
  const name = unique('e2e-detail');
  kubectl(CLUSTER, ['create', 'configmap', name, '-n', 'default', '--from-literal=k=v']);
  try {
    await gotoReady(page, `/c/${CLUSTER}/r/core/v1/configmaps/default/${name}`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const metadata = page.getByRole('region', { name: 'Metadata' });
    await expect(metadata).toBeVisible();
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    kubectl(CLUSTER, ['label', 'configmap', name, '-n', 'default', 'e2e-live=yes']);
    await expect(metadata.getByRole('listitem').filter({ hasText: 'e2e-live=yes' })).toBeVisible({ timeout: LIVE_MS });

    const deleted = page.getByRole('alert', { name: 'This object was deleted' });
    await expect(deleted).toHaveCount(0);
    kubectl(CLUSTER, ['delete', 'configmap', name, '-n', 'default', '--wait=false']);
    await expect(deleted).toBeVisible({ timeout: LIVE_MS });
    // the last known state stays on the page
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(metadata.getByRole('listitem').filter({ hasText: 'e2e-live=yes' })).toBeVisible();

    kubectl(CLUSTER, ['create', 'configmap', name, '-n', 'default', '--from-literal=k=again']);
    await expect(deleted).toHaveCount(0, { timeout: LIVE_MS });
    // the re-created object has no label: the page shows it, not the deleted one
    await expect(metadata.getByRole('listitem').filter({ hasText: 'e2e-live=yes' })).toHaveCount(0, { timeout: LIVE_MS });

    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  } finally {
    kubectl(CLUSTER, ['delete', 'configmap', name, '-n', 'default', '--ignore-not-found', '--wait=false']);
  }
});
