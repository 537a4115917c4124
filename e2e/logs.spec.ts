/**
 * Pod logs in the browser, against the demo scenario on sandbox-east. Controls are found by role
 * and accessible name; kubectl (E2E_KUBECONFIG) supplies pod names and the reference log for Download.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { gotoReady } from './ui-helpers';

const CLUSTER = 'sandbox-east';

function kubectl(...args: string[]): string {
  const kubeconfig = process.env.E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('E2E_KUBECONFIG is not set (the harness exposes the sandbox kubeconfig there)');
  return execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', CLUSTER, ...args], { encoding: 'utf8', timeout: 30_000 });
}

function podOf(ns: string, app: string): string {
  const name = kubectl('get', 'pods', '-n', ns, '-l', `app=${app}`, '-o', 'jsonpath={.items[0].metadata.name}').trim();
  expect(name).not.toBe('');
  return name;
}

const rows = (page: Page) => page.getByRole('log', { name: 'Log lines' }).locator('[data-log-line]');
const lineCount = async (page: Page) => Number(((await page.getByRole('status', { name: 'Log stream' }).textContent()) ?? '').match(/([\d,]+) lines/)?.[1]?.replace(/,/g, '') ?? 0);

test("a pod's logs stream in and keep following", async ({ page }) => {
  const pod = podOf('shop', 'frontend');
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=logs`);
  await expect(page.getByRole('combobox', { name: 'Container' })).toHaveValue('frontend');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'true');
  const before = await lineCount(page);
  // the sandbox container writes about a line per second: new lines must arrive while we watch
  await expect.poll(() => lineCount(page), { timeout: 20_000 }).toBeGreaterThan(before);
});

test('search highlights matches and Filter shows only matching lines', async ({ page }) => {
  const pod = podOf('shop', 'frontend');
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=logs`);
  await page.getByRole('combobox', { name: 'Tail lines' }).selectOption('all');
  await expect.poll(() => lineCount(page)).toBeGreaterThan(6);
  // highlighting works on the rows in view (the newest: nginx access-log lines)
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('HTTP/1.1');
  await expect(page.getByRole('log', { name: 'Log lines' }).locator('mark').first()).toHaveText('HTTP/1.1');
  // Filter finds lines however far back they are: nginx prints exactly four entrypoint lines at startup
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('docker-entrypoint');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(page.getByRole('log', { name: 'Log lines' }).locator('mark').first()).toHaveText('docker-entrypoint');
  for (const t of await rows(page).allTextContents()) expect(t).toContain('docker-entrypoint');
  await page.getByRole('button', { name: 'Regex' }).click();
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('^nginx: \\[notice\\]');
  await expect(rows(page).first()).toContainText('nginx: [notice]');
  for (const t of await rows(page).allTextContents()) expect(t).toMatch(/^nginx: \[notice\]/);
});

test("Previous shows the crashed instance's log of a crashlooping pod", async ({ page }) => {
  const pod = podOf('shop', 'recommendations');
  await expect
    .poll(() => Number(kubectl('get', 'pod', '-n', 'shop', pod, '-o', 'jsonpath={.status.containerStatuses[0].restartCount}') || 0), { timeout: 45_000 })
    .toBeGreaterThan(0);
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=logs`);
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByRole('button', { name: 'Previous' })).toHaveAttribute('aria-pressed', 'true');
  const log = page.getByRole('log', { name: 'Log lines' });
  await expect(log).toContainText('panic: runtime error');
  await expect(log).toContainText('goroutine 1 [running]');
  // the crashed instance's log ends with its exit lines; the stream does not follow a terminated instance
  await expect(page.getByRole('status', { name: 'Log stream' })).toContainText(/loaded|ended/);
});

test("a Deployment's logs merge lines from its pods", async ({ page }) => {
  await gotoReady(page, `/c/${CLUSTER}/r/apps/v1/deployments/shop/frontend?tab=logs`);
  await expect(rows(page).first()).toBeVisible();
  await expect
    .poll(async () => new Set((await rows(page).allTextContents()).map((t) => t.match(/^\[(frontend-[^\]/]+)/)?.[1]).filter(Boolean)).size, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('status', { name: 'Log stream' })).toContainText('frontend-');
});

test('Download returns the whole log, not just what is on screen', async ({ page }) => {
  const pod = podOf('shop', 'frontend');
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=logs`);
  await page.getByRole('combobox', { name: 'Tail lines' }).selectOption('100');
  await expect(rows(page).first()).toBeVisible();
  const reference = kubectl('logs', '-n', 'shop', pod).trim().split('\n');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe(`${pod}-frontend.log`);
  const text = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
  // taken after kubectl's read, so it holds at least those lines, starting with the same first line
  expect(text.length).toBeGreaterThanOrEqual(reference.length);
  expect(text[0]).toBe(reference[0]);
  expect(text.slice(0, reference.length)).toEqual(reference);
});
