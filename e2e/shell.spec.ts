import { test, expect, type Page } from '@playwright/test';

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe('app shell', () => {
  test('has the landmarks and named controls', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Overview');
    await expect(page.getByRole('combobox', { name: 'Cluster' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Toggle theme' })).toBeVisible();
    // the socket to the BFF comes up
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('live');
  });

  test('light and dark themes render differently and the choice survives a reload', async ({ page }, info) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await expect(page.getByRole('main').getByRole('link', { name: 'sandbox-east' })).toBeVisible();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.screenshot({ path: info.outputPath('overview-light.png'), fullPage: true });
    const light = await bodyBackground(page);

    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.screenshot({ path: info.outputPath('overview-dark.png'), fullPage: true });
    const dark = await bodyBackground(page);
    expect(dark).not.toBe(light);

    // persisted, and applied before first paint (the class is there when the DOM is parsed)
    await page.reload({ waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    expect(await bodyBackground(page)).toBe(dark);
  });

  test('follows the system theme when nothing was chosen', async ({ page }, info) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/c/sandbox-east', { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await expect(page.getByRole('heading', { name: 'sandbox-east', level: 1 })).toBeVisible();
    await expect(page.getByRole('img', { name: /CPU capacity/ })).toBeVisible();
    await page.screenshot({ path: info.outputPath('dashboard-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.screenshot({ path: info.outputPath('dashboard-light.png'), fullPage: true });
  });

  test('lays out from 1280 to 2560 px without horizontal scrolling', async ({ page }) => {
    for (const width of [1280, 2560]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/c/sandbox-east');
      await expect(page.getByRole('region', { name: 'Recent events' })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
    }
  });
});
