/**
 * Automated accessibility audit (axe-core) of every page type, in the light and the dark theme: no serious or
 * critical violation is allowed (colour contrast included). Each page is audited once it is live, so the audit
 * sees the rendered rows, tabs and panels a person would.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { gotoReady } from './ui-helpers';

const CLUSTER = 'sandbox-east';
const POD_LIST = `/c/${CLUSTER}/r/core/v1/pods`;

async function audit(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  expect(report, `${what}: axe violations`).toEqual([]);
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
  if (dark !== (theme === 'dark')) await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
}

/** the first pod of the demo's `shop` namespace, from the live list */
async function firstPodUrl(page: Page): Promise<string> {
  await gotoReady(page, `${POD_LIST}?ns=shop`);
  const link = page.getByRole('grid').getByRole('link').first();
  await expect(link).toBeVisible({ timeout: 30_000 });
  return (await link.getAttribute('href'))!;
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe audit, ${theme} theme`, () => {
    test('overview, dashboard, list, create and audit pages', async ({ page }) => {
      await gotoReady(page, '/');
      await setTheme(page, theme);
      await expect(page.getByRole('link', { name: CLUSTER }).first()).toBeVisible({ timeout: 30_000 });
      await audit(page, 'overview');

      await gotoReady(page, `/c/${CLUSTER}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, 'dashboard');

      await gotoReady(page, POD_LIST);
      await expect(page.getByRole('grid').getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
      await audit(page, 'pod list');

      await gotoReady(page, `/c/${CLUSTER}/r/apps/v1/deployments`);
      await expect(page.getByRole('grid').getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
      await audit(page, 'deployment list');

      await gotoReady(page, `/c/${CLUSTER}/create`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, 'create');

      await gotoReady(page, '/audit');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, 'audit log');
    });

    test('detail page tabs of a pod and a deployment', async ({ page }) => {
      await gotoReady(page, '/');
      await setTheme(page, theme);
      const pod = await firstPodUrl(page);
      for (const tab of ['Overview', 'YAML', 'Logs']) {
        await gotoReady(page, pod);
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tabpanel')).toBeVisible();
        // the panel's own content, not its loading skeleton
        await expect(page.getByRole('tabpanel').locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
        await audit(page, `pod ${tab} tab`);
      }
      await gotoReady(page, `/c/${CLUSTER}/r/apps/v1/deployments`);
      const dep = page.getByRole('grid').getByRole('link').first();
      await expect(dep).toBeVisible({ timeout: 30_000 });
      await gotoReady(page, (await dep.getAttribute('href'))!);
      await expect(page.getByRole('slider', { name: 'Replicas' })).toBeVisible();
      await audit(page, 'deployment overview');
      await page.getByRole('tab', { name: 'History' }).click();
      await expect(page.getByRole('tabpanel').locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
      await audit(page, 'deployment history');
    });
  });
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('login page, light and dark', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await audit(page, 'login (system theme light)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await audit(page, 'login (system theme dark)');
  });
});
