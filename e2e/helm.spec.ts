/**
 * Helm releases end to end in Chromium against the sandboxes' demo releases (records in Helm's storage format):
 * find a release from the overview, read its tabs, compare two revisions, roll back (checked with kubectl: the
 * new revision's record and the objects), and uninstall with and without history. Elements by role and name.
 */
import { test, expect } from '@playwright/test';
import { gotoReady, kubectl } from './ui-helpers';

const labels = (context: 'sandbox-east' | 'sandbox-west', ns: string, release: string) =>
  kubectl(context, ['get', 'secrets', '-n', ns, '-l', `owner=helm,name=${release}`, '-o', 'jsonpath={range .items[*]}{.metadata.labels.version}={.metadata.labels.status}{"\\n"}{end}'])
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));

test.describe.serial('helm releases', () => {
  // each test walks several pages of a console shared with busy sandboxes: more room than the default minute
  test.describe.configure({ timeout: 150_000 });
  test('find a release across clusters and read its resources, values, manifest and notes', async ({ page }) => {
    await gotoReady(page, '/');
    await page.getByRole('link', { name: 'Helm releases' }).click();
    await expect(page.getByRole('heading', { name: 'Helm releases in all clusters' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Helm releases' });
    await expect(table.getByRole('link', { name: 'kafka-ui' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter releases' }).fill('web-cache');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText('memcached');
    await expect(table.getByRole('row').nth(1)).toContainText('deployed');
    await page.getByRole('searchbox', { name: 'Filter releases' }).fill('');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
    await expect(table.getByRole('link', { name: 'kube-state-metrics' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'web-cache' })).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await table.getByRole('link', { name: 'web-cache' }).click();

    await expect(page.getByRole('heading', { name: 'web-cache' })).toBeVisible();
    const resources = page.getByRole('table', { name: 'Release resources' });
    await expect(resources.getByRole('link', { name: 'web-cache-config' })).toBeVisible();
    await expect(resources.getByRole('row', { name: /Deployment/ })).toContainText('web-cache');
    await page.getByRole('tab', { name: 'Values' }).click();
    await expect(page.getByLabel('User-supplied values')).toContainText('MAX_ITEM_SIZE: 2m');
    await page.getByRole('radio', { name: 'Computed (chart defaults merged)' }).check();
    await expect(page.getByLabel('Computed values')).toContainText('pullPolicy: IfNotPresent');
    await page.getByRole('tab', { name: 'Manifest' }).click();
    await expect(page.getByLabel('Rendered manifest')).toContainText('# Source: memcached/templates/deployment.yaml');
    await expect(page.getByRole('table', { name: 'Hooks' })).toContainText('pre-upgrade');
    await page.getByRole('tab', { name: 'Notes' }).click();
    await expect(page.getByLabel('Release notes')).toContainText('port-forward svc/web-cache');
  });

  test('compare two revisions, then roll back to one of them', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-east/helm/shop/web-cache');
    await page.getByRole('tab', { name: 'History' }).click();
    const revisions = page.getByRole('table', { name: 'Revisions' });
    await expect(revisions.getByRole('row')).toHaveCount(4);
    await page.getByRole('combobox', { name: 'From revision', exact: true }).selectOption('1');
    await page.getByRole('combobox', { name: 'To revision', exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Compare' }).click();
    const values = page.getByRole('region', { name: 'Values: revision 1 vs revision 3' });
    await expect(values).toContainText('+ config:');
    await expect(page.getByRole('region', { name: 'Manifest: revision 1 vs revision 3' })).toContainText('memcached:1.6.32');

    await page.getByRole('combobox', { name: 'Roll back to revision' }).selectOption('2');
    await page.getByRole('button', { name: 'Roll back', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back web-cache to revision 2?' });
    await expect(dialog).toContainText('Hooks are not run');
    await dialog.getByRole('button', { name: 'Confirm rollback' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rollback was a success' })).toBeVisible();
    await expect(revisions.getByRole('row').nth(1)).toContainText('Rollback to 2');
    await expect(revisions.getByRole('row').nth(1)).toContainText('deployed');
    expect(labels('sandbox-east', 'shop', 'web-cache')).toEqual(['1=superseded', '2=superseded', '3=superseded', '4=deployed']);
    expect(kubectl('sandbox-east', ['get', 'configmaps', '-n', 'shop', '-l', 'app.kubernetes.io/instance=web-cache', '-o', 'name']).trim()).toBe('');
    expect(kubectl('sandbox-east', ['get', 'deployment', 'web-cache', '-n', 'shop', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('memcached:1.6.31');
  });

  test('uninstall keeping history, then purge it', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-west');
    await page.getByRole('link', { name: 'Helm releases' }).click();
    await expect(page).toHaveURL(/\/c\/sandbox-west\/helm$/);
    await page.getByRole('table', { name: 'Helm releases' }).getByRole('link', { name: 'kafka-ui' }).click();
    await expect(page.getByRole('heading', { name: 'kafka-ui' })).toBeVisible();
    await page.getByRole('button', { name: 'Uninstall', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Uninstall kafka-ui?' });
    await expect(dialog).toContainText('Hooks are not run');
    await dialog.getByRole('checkbox', { name: 'Keep history' }).check();
    await dialog.getByRole('button', { name: 'Confirm uninstall' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('uninstalled', { exact: true }).first()).toBeVisible();
    expect(labels('sandbox-west', 'data', 'kafka-ui')).toEqual(['1=deployed', '2=uninstalled']);
    expect(kubectl('sandbox-west', ['get', 'deployments', '-n', 'data', '-l', 'app.kubernetes.io/instance=kafka-ui', '-o', 'name']).trim()).toBe('');

    await page.getByRole('button', { name: 'Uninstall', exact: true }).click();
    await page.getByRole('dialog', { name: 'Uninstall kafka-ui?' }).getByRole('button', { name: 'Confirm uninstall' }).click();
    await expect(page).toHaveURL(/\/c\/sandbox-west\/helm$/);
    await expect(page.getByRole('table', { name: 'Helm releases' }).getByRole('link', { name: 'metabase' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'kafka-ui' })).toHaveCount(0);
    expect(labels('sandbox-west', 'data', 'kafka-ui')).toEqual([]);
  });
});
