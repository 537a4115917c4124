/**
 * Usage everywhere: CPU and Memory columns in the Pods, workload and Nodes lists (values from the BFF's
 * sampler, sortable and filterable), and the Metrics tab's CPU and Memory charts on a pod, a workload and a
 * node, with the 15m/1h/6h/24h range buttons and the chart's source named. No "coming soon" anywhere.
 */
import { test, expect, type Page } from '@playwright/test';
import { gotoReady } from './ui-helpers';

const CLUSTER = 'sandbox-east';
// the BFF samples every 15 s; its first sample comes a second after start-up (lists under load take a while too)
const SAMPLE_MS = 45_000;
test.describe.configure({ timeout: 150_000 });

async function expectUsageColumns(page: Page, title: string, share: RegExp) {
  const list = page.getByRole('grid', { name: title });
  await expect(list.getByRole('columnheader', { name: 'CPU', exact: true })).toBeVisible({ timeout: SAMPLE_MS });
  await expect(list.getByRole('columnheader', { name: 'Memory', exact: true })).toBeVisible();
  await expect(list.getByRole('gridcell').filter({ hasText: share }).first()).toBeVisible({ timeout: SAMPLE_MS });
  return list;
}

test('the Pods list shows CPU and memory with their share of requests, sorts by CPU and filters on usage', async ({ page }) => {
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods?ns=shop`);
  const list = await expectUsageColumns(page, 'Pods', /% req/);
  const cpu = list.getByRole('columnheader', { name: 'CPU', exact: true });
  await cpu.getByRole('button').click();
  await expect(cpu).toHaveAttribute('aria-sort', 'ascending');
  await cpu.getByRole('button').click();
  await expect(cpu).toHaveAttribute('aria-sort', 'descending');
  // the share text is filterable like any cell
  await page.getByRole('textbox', { name: 'Filter' }).fill('of request');
  await expect(list.getByRole('row').nth(1)).toContainText(/% req/);
  await expect(page.getByText(/coming soon/i)).toHaveCount(0);
});

test('workload and node lists sum usage (deployments: their pods; nodes: share of allocatable)', async ({ page }) => {
  await gotoReady(page, `/c/${CLUSTER}/r/apps/v1/deployments?ns=shop`);
  await expectUsageColumns(page, 'Deployments', /% req/);
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/nodes`);
  await expectUsageColumns(page, 'Nodes', /% allocatable/);
});

async function openMetrics(page: Page, url: string) {
  await gotoReady(page, url);
  const tab = page.getByRole('tab', { name: 'Metrics' });
  await expect(async () => {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 2_000 });
  }).toPass({ timeout: SAMPLE_MS });
  const cpu = page.getByRole('figure', { name: 'CPU' });
  const memory = page.getByRole('figure', { name: 'Memory' });
  await expect(cpu).toBeVisible({ timeout: SAMPLE_MS });
  await expect(memory).toBeVisible();
  await expect(cpu.getByText(/^now \d/)).toBeVisible({ timeout: SAMPLE_MS });
  await expect(page.getByText('Source: Wheelhouse sampler')).toBeVisible();
  return { cpu, memory };
}

test('a pod charts CPU and memory per container against its request, over 15 minutes to 24 hours', async ({ page }) => {
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods?ns=shop`);
  const podLink = page.getByRole('grid', { name: 'Pods' }).getByRole('link', { name: /^cart-/ }).first();
  await expect(podLink).toBeVisible({ timeout: SAMPLE_MS });
  const podUrl = await podLink.getAttribute('href');
  const { cpu } = await openMetrics(page, podUrl!);
  await expect(cpu.getByText(/^Requests 100m$/)).toBeVisible();
  for (const r of ['15m', '1h', '6h', '24h']) {
    const b = page.getByRole('button', { name: r, exact: true });
    await b.click();
    await expect(b).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('figure', { name: 'CPU' })).toBeVisible();
  }
});

test('a deployment charts its pods and their total against requests × pods', async ({ page }) => {
  const { cpu } = await openMetrics(page, `/c/${CLUSTER}/r/apps/v1/deployments/shop/cart`);
  await expect(cpu.getByText(/^Requests \(2 pods\)/)).toBeVisible();
  await expect(cpu.getByRole('list', { name: 'CPU series' }).getByText('Total', { exact: true })).toBeVisible();
  // values are read from the keyboard too: focus the plot, move along the time axis
  const plot = cpu.getByLabel('CPU values: arrow keys move along the time axis');
  await plot.focus();
  const values = cpu.getByRole('status');
  await expect(values).toContainText('Total');
  await expect(values).toContainText(/\d+(\.\d+)?m/);
  await plot.press('Home');
  await plot.press('Escape');
  await expect(values).toHaveCount(0);
});

test('a node charts CPU and memory against capacity and allocatable', async ({ page }) => {
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/nodes`);
  const link = page.getByRole('grid', { name: 'Nodes' }).getByRole('link').first();
  await expect(link).toBeVisible({ timeout: SAMPLE_MS });
  const { memory } = await openMetrics(page, (await link.getAttribute('href'))!);
  await expect(memory.getByText(/^Capacity /)).toBeVisible();
  await expect(memory.getByText(/^Allocatable /)).toBeVisible();
});
