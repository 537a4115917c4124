/**
 * The audit page over the state store: filters narrow what the server returns, a page holds 100 entries, and
 * "Load older entries" follows the server's cursor to the rest.
 */
import { test, expect } from '@playwright/test';
import { gotoReady, kubectl } from './ui-helpers';

const CLUSTER = 'sandbox-east';

test('filters the audit log on the server and pages through it', async ({ page, baseURL }) => {
  const name = `audit-paging-${Date.now()}`;
  kubectl(CLUSTER, ['create', 'configmap', name, '-n', 'default', '--from-literal=k=v']);
  try {
    const csrf = ((await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;
    // 101 audited writes through the console (each one a patch of this configmap)
    for (let i = 0; i < 101; i++) {
      const r = await page.request.patch(`/api/clusters/${CLUSTER}/resources/core/v1/configmaps/${name}?namespace=default`, {
        headers: { 'content-type': 'application/merge-patch+json', 'x-csrf-token': csrf, origin: baseURL! },
        data: JSON.stringify({ metadata: { labels: { step: String(i) } } }),
      });
      expect(r.status()).toBe(200);
    }

    await gotoReady(page, '/audit');
    const filters = page.getByRole('search', { name: 'Audit filters' });
    await filters.getByRole('searchbox', { name: 'Text' }).fill(name);
    await filters.getByRole('textbox', { name: 'Verb' }).fill('patch');
    await filters.getByRole('textbox', { name: 'Namespace' }).fill('default');
    const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
    // a header row and one page of 100
    await expect(rows).toHaveCount(101);
    await expect(page.getByText('100 entries shown, older ones on request')).toBeVisible();
    await expect(rows.nth(1).getByRole('cell', { name: `configmaps default/${name}` })).toBeVisible();

    // the filters apply after a short debounce: a page loaded before the last one settled starts over, so
    // "Load older" is pressed again until the older entry is there
    await expect(async () => {
      const older = page.getByRole('button', { name: 'Load older entries' });
      if (await older.isVisible()) await older.click();
      await expect(rows).toHaveCount(102, { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText('101 entries shown', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Load older entries' })).toHaveCount(0);

    await filters.getByRole('textbox', { name: 'User' }).fill('nobody-at-all');
    await expect(page.getByText('No entry matches the filters.')).toBeVisible();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect(filters.getByRole('searchbox', { name: 'Text' })).toHaveValue('');
  } finally {
    kubectl(CLUSTER, ['delete', 'configmap', name, '-n', 'default', '--wait=false']);
  }
});
