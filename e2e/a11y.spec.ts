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
  // Next streams the page's metadata: audit once the document has its title
  await expect(page).toHaveTitle(/\S/);
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

/** a frontend pod of the demo's `shop` namespace, from the live list (a CronJob's pods come and go) */
async function firstPodUrl(page: Page): Promise<string> {
  await gotoReady(page, `${POD_LIST}?ns=shop`);
  const link = page.getByRole('grid').getByRole('link', { name: /^frontend-/ }).first();
  await expect(link).toBeVisible({ timeout: 30_000 });
  return (await link.getAttribute('href'))!;
}

const LIST_PAGES: [string, string][] = [
  ['overview', '/'],
  ['dashboard', `/c/${CLUSTER}`],
  ['pod list', POD_LIST],
  ['deployment list', `/c/${CLUSTER}/r/apps/v1/deployments`],
  ['create', `/c/${CLUSTER}/create`],
  ['audit log', '/audit'],
  ['helm releases of a cluster', `/c/${CLUSTER}/helm`],
  ['helm releases of every cluster', '/helm'],
  ['changes', '/changes'],
  ['port forwards', '/port-forwards'],
];

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe audit, ${theme} theme`, () => {
    // the audit itself takes seconds per page on a busy machine
    test.describe.configure({ timeout: 180_000 });

    for (const [what, url] of LIST_PAGES) {
      test(what, async ({ page }) => {
        await gotoReady(page, url);
        await setTheme(page, theme);
        if (url.includes('/r/')) await expect(page.getByRole('grid').getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
        else if (url.endsWith('/helm')) await expect(page.locator('main a[href*="/helm/"]').first()).toBeVisible({ timeout: 30_000 });
        else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
        await audit(page, what);
      });
    }

    for (const tab of ['Overview', 'YAML', 'Logs', 'Terminal', 'Metrics']) {
      test(`pod ${tab} tab`, async ({ page }) => {
        const pod = await firstPodUrl(page);
        await gotoReady(page, pod);
        await setTheme(page, theme);
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tabpanel')).toBeVisible();
        // the panel's own content, not its loading skeleton
        await expect(page.getByRole('tabpanel').locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
        await audit(page, `pod ${tab} tab`);
      });
    }

    test('deployment overview and history', async ({ page }) => {
      await gotoReady(page, `/c/${CLUSTER}/r/apps/v1/deployments`);
      await setTheme(page, theme);
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

test.describe('helm release page', () => {
  test.describe.configure({ timeout: 180_000 });
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme} theme, resources and history`, async ({ page }) => {
      await gotoReady(page, `/c/${CLUSTER}/helm`);
      await setTheme(page, theme);
      const release = page.locator('a[href*="/helm/"]').first();
      await expect(release).toBeVisible({ timeout: 30_000 });
      await gotoReady(page, (await release.getAttribute('href'))!);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
      await audit(page, 'helm release resources');
      await page.getByRole('tab', { name: 'History' }).click();
      await expect(page.getByRole('tabpanel').locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
      await audit(page, 'helm release history');
    });
  }
});

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
