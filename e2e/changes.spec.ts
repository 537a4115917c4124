/**
 * The change history end to end on sandbox-east: a Deployment made with the real kubectl is scaled twice with
 * the console's replica control; its Changes tab shows each scale with the console user as the actor and the
 * diff, and "Restore this version" opens the YAML editor's review with the restored count. The cluster's and
 * the overview's Changes pages (sidebar links) find the same change through their filters.
 */
import { test, expect } from '@playwright/test';
import { gotoReady, kubectl } from './ui-helpers';

const NS = `hist-${Date.now().toString(36)}`;
const URL_ = `/c/sandbox-east/r/apps/v1/deployments/${NS}/web`;
const replicas = () => kubectl('sandbox-east', ['get', 'deployment', 'web', '-n', NS, '-o', 'jsonpath={.spec.replicas}']).trim();

test.describe.serial('change history', () => {
  // two scales, the recorder's flush and the live feed, then Monaco: more than the default minute on a busy machine
  test.setTimeout(180_000);
  test.beforeAll(() => {
    kubectl('sandbox-east', ['create', 'namespace', NS]);
    kubectl('sandbox-east', ['create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '--replicas=2']);
  });
  test.afterAll(() => {
    kubectl('sandbox-east', ['delete', 'namespace', NS, '--wait=false']);
  });

  test('the Changes tab shows a scale with its actor and diff, and Restore this version leads to the YAML review', async ({ page }) => {
    await gotoReady(page, URL_);
    const count = page.getByRole('spinbutton', { name: 'Replicas count' });
    await expect(count).toHaveValue('2');
    await count.fill('3');
    await expect.poll(replicas, { timeout: 15_000 }).toBe('3');
    await count.fill('4');
    await expect.poll(replicas, { timeout: 15_000 }).toBe('4');

    await page.getByRole('tab', { name: 'Changes' }).click();
    const timeline = page.getByRole('list', { name: 'Changes' });
    // live: the second scale arrives while the tab is open, or is in the first page
    const first = timeline.getByRole('button', { name: /replicas 2 → 3/ });
    await expect(first).toContainText('by admin (console)', { timeout: 30_000 });
    await expect(timeline.getByRole('button', { name: /replicas 3 → 4/ })).toBeVisible({ timeout: 30_000 });

    await first.click();
    const change = page.getByRole('region', { name: 'Change' });
    await expect(change.getByRole('heading', { name: /replicas 2 → 3/ })).toBeVisible();
    const diff = change.getByRole('region', { name: 'Diff' });
    await expect(diff).toContainText('- replicas: 2');
    await expect(diff).toContainText('+ replicas: 3');

    await change.getByRole('button', { name: 'Restore this version' }).click();
    await expect(page.getByRole('tab', { name: 'YAML' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'Loaded the version recorded' })).toBeVisible();
    await page.getByRole('button', { name: 'Review changes' }).click();
    const review = page.getByRole('region', { name: /Changes \(server/ });
    await expect(review).toContainText('replicas: 4');
    await expect(review).toContainText('replicas: 3');
    // nothing is written until Apply
    expect(replicas()).toBe('4');
  });

  test('the cluster and overview Changes pages find the scale through their filters', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-east');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Changes', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Changes in sandbox-east' })).toBeVisible();
    await page.getByLabel('Time window', { exact: true }).selectOption({ label: 'Last 15 minutes' });
    await page.getByLabel('Namespace', { exact: true }).fill(NS);
    await page.getByLabel('Kind', { exact: true }).fill('Deployment');
    // the Deployment's own change (its ReplicaSets' replica changes are filtered out by the kind)
    await expect(page.getByRole('list', { name: 'Changes' }).getByRole('button', { name: new RegExp(`replicas 3 → 4 Deployment ${NS}/web by admin`) })).toBeVisible({ timeout: 30_000 });
    // no ReplicaSet's own entry (a Deployment's condition message may name its ReplicaSet: match the kind column)
    await expect(page.getByRole('list', { name: 'Changes' }).getByRole('button', { name: new RegExp(`ReplicaSet ${NS}/`) })).toHaveCount(0);

    await gotoReady(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Changes', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Changes in all clusters' })).toBeVisible();
    await page.getByLabel('Actor', { exact: true }).fill('admin');
    await page.getByLabel('Text', { exact: true }).fill('web');
    const hit = page.getByRole('list', { name: 'Changes' }).getByRole('button', { name: new RegExp(`replicas 3 → 4 Deployment ${NS}/web sandbox-east by admin`) });
    await expect(hit).toBeVisible({ timeout: 30_000 });
    await hit.click();
    await expect(page.getByRole('region', { name: 'Change' }).getByRole('region', { name: 'Diff' })).toContainText('+ replicas: 4');
  });

  test('a Secret cannot be restored from the history, and the page says why', async ({ page }) => {
    kubectl('sandbox-east', ['create', 'secret', 'generic', 'db', '-n', NS, '--from-literal=password=hunter2']);
    await gotoReady(page, `/c/sandbox-east/r/core/v1/secrets/${NS}/db?tab=changes`);
    await page.getByRole('list', { name: 'Changes' }).getByRole('button', { name: /created/ }).first().click();
    const restore = page.getByRole('region', { name: 'Change' }).getByRole('button', { name: 'Restore this version' });
    await expect(restore).toBeDisabled();
    await expect(restore).toHaveAccessibleDescription(/Secret values are not kept by the change history/);
    await expect(page.getByText('Secret values are not kept by the change history (only a hash of each), so a Secret cannot be restored from it.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Change' })).not.toContainText('hunter2');
  });
});
