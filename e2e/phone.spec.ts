/**
 * Every page type at a phone's width (390 × 844), light and dark: no page scrolls sideways, controls meet WCAG
 * 2.2's 24 × 24 px target size, dialogs fit the screen; wide tables scroll inside their panel with the Name
 * column pinned (and on top of what scrolls under it); a row focused from the keyboard shows its cut-off cells
 * in full; a hint shows on keyboard focus, not only on hover.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSidewaysScroll, gotoReady } from './ui-helpers';

const CLUSTER = 'sandbox-east';
const PHONE = { width: 390, height: 844 };


async function expectTargetSize(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
  const bad = results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
  expect(bad, `${where}: controls under 24 × 24 px`).toEqual([]);
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
  if (dark !== (theme === 'dark')) await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
}

/** scrolls a panel to its right end and checks the cell stays in the viewport and on top of what scrolled under it */
async function expectPinnedAfterScroll(page: Page, panel: Locator, cell: Locator): Promise<void> {
  const moved = await panel.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    return el.scrollLeft;
  });
  expect(moved, 'the table is wider than its panel and scrolls sideways').toBeGreaterThan(0);
  const box = (await cell.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  // the pinned cell is opaque and above the cells scrolled under it: the topmost element at its centre is inside it
  const onTop = await cell.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const bg = getComputedStyle(el.closest('td')!).backgroundColor;
    return { inside: Boolean(hit && el.closest('td')!.contains(hit)), transparent: bg === 'transparent' || /^rgba\(.*, 0\)$/.test(bg) };
  });
  expect(onTop).toEqual({ inside: true, transparent: false });
  await expectNoSidewaysScroll(page, 'after scrolling the table sideways');
}

test.describe('phone width', () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ viewport: PHONE });

  for (const theme of ['light', 'dark'] as const) {
    test(`${theme} theme: every page type fits, with targets of at least 24 px`, async ({ page }) => {
      await gotoReady(page, '/');
      await setTheme(page, theme);
      const pod = page.getByRole('grid').getByRole('link', { name: /^frontend-/ }).first();
      const pages: [string, string, () => Promise<void>][] = [
        ['overview', '/', () => expect(page.getByRole('heading', { level: 1 })).toBeVisible()],
        ['dashboard', `/c/${CLUSTER}`, () => expect(page.getByRole('heading', { level: 1, name: CLUSTER })).toBeVisible()],
        ['pod list', `/c/${CLUSTER}/r/core/v1/pods?ns=shop`, () => expect(pod).toBeVisible({ timeout: 30_000 })],
        ['create', `/c/${CLUSTER}/create`, () => expect(page.getByRole('heading', { level: 1 })).toBeVisible()],
        ['helm releases', `/c/${CLUSTER}/helm`, () => expect(page.locator('main a[href*="/helm/"]').first()).toBeVisible({ timeout: 30_000 })],
        ['helm releases of every cluster', '/helm', () => expect(page.locator('main a[href*="/helm/"]').first()).toBeVisible({ timeout: 30_000 })],
        ['changes', '/changes', () => expect(page.getByRole('heading', { level: 1, name: 'Changes in all clusters' })).toBeVisible()],
        ['audit log', '/audit', () => expect(page.getByRole('table', { name: 'Audit log' })).toBeVisible({ timeout: 30_000 })],
        ['port forwards', '/port-forwards', () => expect(page.getByRole('heading', { level: 1, name: 'Port forwards' })).toBeVisible()],
      ];
      for (const [what, url, ready] of pages) {
        await gotoReady(page, url);
        await ready();
        await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
        await expectNoSidewaysScroll(page, what);
        await expectTargetSize(page, what);
      }

      // a pod's pages, the terminal included
      await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods?ns=shop`);
      await expect(pod).toBeVisible({ timeout: 30_000 });
      await gotoReady(page, (await pod.getAttribute('href'))!);
      for (const tab of ['Overview', 'Logs', 'Terminal', 'YAML']) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tabpanel').locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
        await expectNoSidewaysScroll(page, `pod ${tab} tab`);
        await expectTargetSize(page, `pod ${tab} tab`);
      }
    });
  }

  test('a wide list keeps its Name column in view while the rest scrolls inside the panel', async ({ page }) => {
    await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods?ns=shop`);
    const name = page.getByRole('grid').getByRole('link', { name: /^frontend-/ }).first();
    await expect(name).toBeVisible({ timeout: 30_000 });
    await expectPinnedAfterScroll(page, page.getByTestId('resource-table-scroll'), name);
    // keyboard navigation still moves between rows of the scrolled table
    const index = Number(await name.evaluate((el) => el.closest('tr')!.dataset.index));
    await page.getByRole('grid').locator(`tr[data-index="${index}"]`).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('grid').locator(`tr[data-index="${index + 1}"]`)).toBeFocused();
  });

  test('a row focused from the keyboard shows its cut-off cells in full', async ({ page }) => {
    await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods?ns=shop`);
    const grid = page.getByRole('grid');
    await expect(grid.getByRole('link', { name: /^frontend-/ }).first()).toBeVisible({ timeout: 30_000 });
    const clipped = (i: number) =>
      grid.locator(`tr[data-index="${i}"] > td`).evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).length);
    expect(await clipped(1), 'a narrow screen cuts some cells of an unfocused row').toBeGreaterThan(0);
    await grid.locator('tr[data-index="0"]').focus();
    await page.keyboard.press('ArrowDown');
    const row = grid.locator('tr[data-index="1"]');
    await expect(row).toBeFocused();
    expect(await clipped(1), 'the focused row wraps every cell instead of cutting it').toBe(0);
    // its age carries the exact time while focused
    await expect(row.locator('[data-exact]')).toHaveAttribute('data-exact', /\d/);
  });

  test('the Helm release list keeps its Name column in view', async ({ page }) => {
    await gotoReady(page, `/c/${CLUSTER}/helm`);
    const table = page.getByRole('table', { name: 'Helm releases' });
    const name = table.getByRole('row').nth(1).getByRole('link');
    await expect(name).toBeVisible({ timeout: 30_000 });
    await expectPinnedAfterScroll(page, page.locator('main div:has(> table[aria-label="Helm releases"])'), name);
  });

  test('dialogs fit the screen', async ({ page }) => {
    await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods?ns=shop`);
    await expect(page.getByRole('grid').getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
    await page.getByRole('grid').getByRole('row').nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: /Delete selected/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /Keyboard shortcuts/ });
    await expect(help).toBeVisible();
    const helpBox = (await help.boundingBox())!;
    expect(helpBox.x).toBeGreaterThanOrEqual(0);
    expect(helpBox.x + helpBox.width).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press('Escape');
  });
});

test('a hint shows on keyboard focus and Escape dismisses it', async ({ page }) => {
  await gotoReady(page, `/c/${CLUSTER}`);
  const toggle = page.getByRole('button', { name: 'Toggle theme' });
  await toggle.focus();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^Switch to (light|dark) theme$/);
  await expect(toggle).toHaveAccessibleDescription(/^Switch to (light|dark) theme$/);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(toggle).toBeFocused();
});
