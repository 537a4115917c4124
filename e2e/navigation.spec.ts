import { test, expect } from '@playwright/test';
import { gotoReady } from './ui-helpers';

test.describe('navigation', () => {
  test('the sidebar groups kinds and lists every CRD under Custom resources', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-east');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const group of ['Workloads', 'Networking', 'Config', 'Storage', 'Access control', 'Cluster', 'Custom resources']) {
      await expect(nav.getByRole('heading', { name: group, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole('link', { name: 'Widgets' })).toHaveAttribute('href', '/c/sandbox-east/r/example.wheelhouse.dev/v1/widgets');
    await nav.getByRole('link', { name: 'Deployments', exact: true }).click();
    await expect(page).toHaveURL(/\/c\/sandbox-east\/r\/apps\/v1\/deployments$/);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('link', { name: 'sandbox-east' })).toHaveAttribute('href', '/c/sandbox-east');
    await expect(crumbs).toContainText('Deployments');
  });

  test('the cluster switcher moves to the other cluster', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-east');
    await page.getByRole('combobox', { name: 'Cluster' }).selectOption('sandbox-west');
    // a client navigation that renders the other cluster's dashboard: allow for a loaded machine
    await expect(page).toHaveURL(/\/c\/sandbox-west$/, { timeout: 45_000 });
    await expect(page.getByRole('heading', { name: 'sandbox-west', level: 1 })).toBeVisible();
    await page.getByRole('combobox', { name: 'Cluster' }).selectOption('');
    await expect(page).toHaveURL(/\/$/, { timeout: 45_000 });
  });

  test('the namespace picker is reflected in the URL and remembered per cluster', async ({ page }) => {
    test.slow(); // five page loads
    await gotoReady(page, '/c/sandbox-east');
    await page.getByRole('button', { name: 'Namespaces' }).click();
    const popup = page.getByRole('dialog', { name: 'Namespaces' });
    await popup.getByRole('checkbox', { name: 'shop' }).check();
    await popup.getByRole('checkbox', { name: 'payments' }).check();
    await expect(page).toHaveURL(/\?ns=payments,shop$/);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Namespaces' })).toContainText('payments, shop');

    // shareable: the selection travels with sidebar links and survives a reload
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Pods', exact: true })).toHaveAttribute('href', /\?ns=payments,shop$/);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Namespaces' })).toContainText('payments, shop');

    // remembered: opening the cluster without ?ns restores it; the other cluster is unaffected
    await gotoReady(page, '/c/sandbox-east');
    await expect(page).toHaveURL(/\?ns=payments,shop$/);
    await gotoReady(page, '/c/sandbox-west');
    await expect(page.getByRole('button', { name: 'Namespaces' })).toContainText('All namespaces');
    await expect(page).toHaveURL(/\/c\/sandbox-west$/);

    // clearing forgets it
    await gotoReady(page, '/c/sandbox-east');
    await page.getByRole('button', { name: 'Namespaces' }).click();
    await page.getByRole('dialog', { name: 'Namespaces' }).getByRole('button', { name: 'All namespaces' }).click();
    await expect(page).toHaveURL(/\/c\/sandbox-east$/);
    await gotoReady(page, '/c/sandbox-east');
    await expect(page.getByRole('button', { name: 'Namespaces' })).toContainText('All namespaces');
  });
});
