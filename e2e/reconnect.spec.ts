/**
 * The live data plane from the browser's side: when the socket drops, the header's connection indicator leaves
 * "live" and the list shows that it is stale; when the socket comes back, the indicator returns to "live" and the
 * list catches up with what changed meanwhile — without a reload.
 */
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';

const CLUSTER = 'sandbox-east';

function kubectl(...args: string[]): string {
  const kubeconfig = process.env.E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('E2E_KUBECONFIG is not set');
  return execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', CLUSTER, ...args], { encoding: 'utf8', timeout: 30_000 });
}

test('the connection indicator goes reconnecting → live and the list catches up', async ({ page, context }) => {
  const name = `e2e-reconnect-${Date.now().toString(36)}`;
  await page.goto(`/c/${CLUSTER}/r/core/v1/configmaps?ns=default`);
  const indicator = page.getByRole('status', { name: 'Connection' });
  await expect(indicator).toHaveText('live', { timeout: 30_000 });
  const list = page.getByRole('grid', { name: 'ConfigMaps' });
  await expect(list).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  // the browser goes offline: socket.io closes its websocket on the window's 'offline' event
  await context.setOffline(true);
  await expect(indicator).toHaveText(/reconnecting|offline/);

  // a change while the browser is away
  kubectl('create', 'configmap', name, '-n', 'default', '--from-literal=k=v');
  await expect(list.getByRole('link', { name, exact: true })).toHaveCount(0);

  await context.setOffline(false);
  await expect(indicator).toHaveText('live', { timeout: 30_000 });
  await expect(list.getByRole('link', { name, exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  kubectl('delete', 'configmap', name, '-n', 'default', '--wait=false');
  await expect(list.getByRole('link', { name, exact: true })).toHaveCount(0);
});
