/**
 * Resource browser end to end, against the built console on sandbox-east / sandbox-west (demo scenario).
 * Elements are found by role and accessible name only. Objects are created and deleted with the real kubectl
 * through the kubeconfig the harness exposes (E2E_KUBECONFIG), so "live" means: a change made outside the
 * browser shows up in the open page without a reload.
 */
import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';

const CLUSTER = 'sandbox-east';

function kubectl(...args: string[]): string {
  const kubeconfig = process.env.E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('E2E_KUBECONFIG is not set (the harness exposes the sandbox kubeconfig there)');
  return execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', CLUSTER, ...args], { encoding: 'utf8', timeout: 30_000 });
}

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;

async function grid(page: Page, name: string) {
  const g = page.getByRole('grid', { name });
  await expect(g).toBeVisible();
  return g;
}

test('overview → cluster → Deployments → a deployment → its pods', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: CLUSTER, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${CLUSTER}$`));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments', exact: true }).click();
  await expect(page).toHaveURL(/\/r\/apps\/v1\/deployments/);
  const deployments = await grid(page, 'Deployments');
  await expect(deployments.getByRole('columnheader', { name: 'Up-to-date' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Filter' }).fill('catalog');
  await deployments.getByRole('link', { name: 'catalog', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'catalog' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'History' })).toBeVisible();

  const pods = page.getByRole('table', { name: 'Pods' });
  const podLink = pods.getByRole('link', { name: /^catalog-/ }).first();
  await expect(podLink).toBeVisible();
  const podName = (await podLink.textContent())!.trim();
  await podLink.click();
  await expect(page.getByRole('heading', { level: 1, name: podName })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Owner chain' }).getByRole('link', { name: 'catalog', exact: true })).toBeVisible();
});

test('an object created with kubectl appears in the open list and disappears when deleted', async ({ page }) => {
  const name = unique('e2e-live');
  await page.goto(`/c/${CLUSTER}/r/core/v1/configmaps?ns=default`);
  const list = await grid(page, 'ConfigMaps');
  await expect(page.getByRole('status', { name: 'Live', exact: true })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  kubectl('create', 'configmap', name, '-n', 'default', '--from-literal=k=v');
  await expect(list.getByRole('link', { name, exact: true })).toBeVisible();

  kubectl('delete', 'configmap', name, '-n', 'default', '--wait=false');
  await expect(list.getByRole('link', { name, exact: true })).toHaveCount(0);
  // the same document all along: no reload happened
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test('bulk delete asks for confirmation naming the count and removes the rows', async ({ page }) => {
  const label = unique('bulk');
  const names = [`${label}-a`, `${label}-b`];
  for (const n of names) kubectl('create', 'configmap', n, '-n', 'default', '--from-literal=k=v');
  kubectl('label', 'configmap', ...names, '-n', 'default', `e2e=${label}`);

  await page.goto(`/c/${CLUSTER}/r/core/v1/configmaps?ns=default`);
  await page.getByRole('textbox', { name: 'Label selector' }).fill(`e2e=${label}`);
  await page.getByRole('textbox', { name: 'Label selector' }).press('Enter');
  const list = await grid(page, 'ConfigMaps');
  for (const n of names) await expect(list.getByRole('link', { name: n, exact: true })).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(3); // header + 2: the selector was applied server-side

  await list.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: /Delete selected/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 config maps?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  for (const n of names) await expect(page.getByRole('link', { name: n, exact: true })).toHaveCount(0);
});

test('the namespace picker filters the list', async ({ page }) => {
  await page.goto(`/c/${CLUSTER}/r/core/v1/pods`);
  const list = await grid(page, 'Pods');
  await expect(list.getByRole('gridcell', { name: 'kube-system', exact: true }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Namespaces' }).click();
  await page.getByRole('dialog', { name: 'Namespaces' }).getByRole('checkbox', { name: 'shop' }).click();
  await expect(page).toHaveURL(/[?&]ns=shop/);
  await expect(list.getByRole('gridcell', { name: 'shop', exact: true }).first()).toBeVisible();
  await expect(list.getByRole('gridcell', { name: 'kube-system', exact: true })).toHaveCount(0);
});

test('sorting, text filter and keyboard navigation', async ({ page }) => {
  await page.goto(`/c/${CLUSTER}/r/core/v1/pods`);
  const list = await grid(page, 'Pods');
  const nameHeader = list.getByRole('columnheader', { name: 'Name', exact: true });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');

  await page.getByRole('textbox', { name: 'Filter' }).fill('coredns');
  const rows = list.getByRole('row');
  await expect(rows.nth(1)).toContainText('coredns');
  await rows.nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/r\/core\/v1\/pods\/kube-system\/coredns-/);
});

test('secrets show keys only and reveal a value on click', async ({ page }) => {
  await page.goto(`/c/${CLUSTER}/r/core/v1/secrets?ns=shop`);
  const list = await grid(page, 'Secrets');
  await list.getByRole('link', { name: 'shop-db-credentials' }).click();
  const data = page.getByRole('region', { name: 'Data' });
  await expect(data.getByRole('button', { name: 'Reveal password' })).toBeVisible();
  await expect(data.getByLabel('Value of password')).toHaveCount(0);

  await data.getByRole('button', { name: 'Reveal password' }).click();
  const value = data.getByLabel('Value of password');
  await expect(value).toBeVisible();
  await expect(value).not.toHaveText('');
  await data.getByRole('button', { name: 'Hide password' }).click();
  await expect(value).toHaveCount(0);
});
