import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
const k = (...a: string[]) => execFileSync('/usr/bin/kubectl', ['--kubeconfig', process.env.E2E_KUBECONFIG!, '--context', 'sandbox-east', ...a], { encoding: 'utf8' });
test('shots', async ({ page }) => {
  k('create', 'namespace', 'shot');
  k('create', 'deployment', 'web', '-n', 'shot', '--image=nginx:1.25', '--replicas=2');
  k('set', 'image', 'deployment/web', '-n', 'shot', 'nginx=nginx:1.26');
  await page.goto('/c/sandbox-east/r/apps/v1/deployments/shot/web');
  await expect(page.getByRole('status', { name: 'Replica status' })).toContainText('ready 2', { timeout: 30000 });
  await page.screenshot({ path: '/tmp/ops-shot-1.png' });
  await page.goto('/c/sandbox-east/r/apps/v1/deployments/shot/web?tab=history');
  await page.getByRole('checkbox', { name: 'Compare revision 1' }).check();
  await page.getByRole('checkbox', { name: 'Compare revision 2' }).check();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/ops-shot-2.png', fullPage: true });
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.screenshot({ path: '/tmp/ops-shot-3.png' });
});
