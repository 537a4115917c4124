/**
 * The console at a phone's, a tablet's and a small laptop's width: sign in, open a cluster, find a Deployment
 * through the navigation (the drawer behind "Navigation" below 1,024 px), scale it with the number input and
 * read its logs — and no page visited scrolls sideways.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signIn } from './auth-helpers';
import { expectNoSidewaysScroll } from './ui-helpers';

const CLUSTER = 'sandbox-east';
const NS = `narrow-${Date.now().toString(36)}`;

function kubectl(...args: string[]): string {
  const kubeconfig = process.env.E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('E2E_KUBECONFIG is not set (the harness exposes the sandbox kubeconfig there)');
  return execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', CLUSTER, ...args], { encoding: 'utf8', timeout: 30_000 });
}


const viewports = [
  { name: 'phone', width: 390, height: 844, drawer: true },
  { name: 'tablet', width: 768, height: 1024, drawer: true },
  { name: 'laptop', width: 1280, height: 800, drawer: false },
  { name: 'desktop', width: 1920, height: 1080, drawer: false },
];

test.describe('narrow screens', () => {
  test.describe.configure({ timeout: 180_000 });
  test.use({ storageState: { cookies: [], origins: [] } });
  test.beforeAll(() => {
    kubectl('create', 'namespace', NS);
    kubectl('create', 'deployment', 'web', '-n', NS, '--image=nginx:1.25', '--replicas=1');
  });
  test.afterAll(() => {
    kubectl('delete', 'namespace', NS, '--wait=false');
  });

  for (const vp of viewports) {
    test(`${vp.name} (${vp.width} × ${vp.height}): sign in, find a Deployment, scale it, read its logs`, async ({ page }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await signIn(page, 'admin');
      await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('live', { timeout: 30_000 });
      await expectNoSidewaysScroll(page, 'overview');

      await page.getByRole('main').getByRole('link', { name: CLUSTER, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/c/${CLUSTER}$`));
      await expect(page.getByRole('heading', { level: 1, name: CLUSTER })).toBeVisible();
      await expectNoSidewaysScroll(page, 'dashboard');

      const navButton = page.getByRole('button', { name: 'Navigation' });
      if (vp.drawer) {
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
        await navButton.click();
        const drawer = page.getByRole('dialog', { name: 'Navigation' });
        await expect(drawer).toBeVisible();
        // Escape closes the drawer and gives focus back to the button
        await page.keyboard.press('Escape');
        await expect(drawer).toBeHidden();
        await expect(navButton).toBeFocused();
        await navButton.click();
        await drawer.getByRole('link', { name: 'Deployments' }).click();
        await expect(drawer).toBeHidden();
      } else {
        await expect(navButton).toBeHidden();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
      }
      await expect(page).toHaveURL(/\/r\/apps\/v1\/deployments/);
      const grid = page.getByRole('grid');
      await expect(grid.getByRole('link', { name: 'web' }).first()).toBeVisible({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, 'deployment list');

      await page.goto(`/c/${CLUSTER}/r/apps/v1/deployments/${NS}/web`);
      const count = page.getByRole('spinbutton', { name: 'Replicas count' });
      await expect(count).toBeVisible({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, 'deployment page');
      const next = String(Number(await count.inputValue()) + 1);
      await count.fill(next);
      await expect.poll(() => kubectl('get', 'deployment', 'web', '-n', NS, '-o', 'jsonpath={.spec.replicas}').trim(), { timeout: 15_000 }).toBe(next);

      await page.getByRole('tab', { name: 'Logs' }).click();
      await expect(page.getByRole('log', { name: 'Log lines' }).locator('[data-log-line]').first()).toBeVisible({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, 'deployment logs');
    });
  }
});
