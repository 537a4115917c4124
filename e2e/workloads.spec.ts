/**
 * Workload operations end to end on sandbox-east: a Deployment made with the real kubectl in a
 * fresh namespace is scaled with the replica control, its image changed twice, two revisions diffed, rolled
 * back, restarted, paused and resumed; a node is cordoned. Elements are found by role and accessible name;
 * cluster state is checked with kubectl, so each step is verified outside the browser too.
 */
import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { gotoReady } from './ui-helpers';

const CLUSTER = 'sandbox-east';
const NS = `ops-${Date.now().toString(36)}`;
const DEPLOY_URL = `/c/${CLUSTER}/r/apps/v1/deployments/${NS}/web`;

function kubectl(...args: string[]): string {
  const kubeconfig = process.env.E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('E2E_KUBECONFIG is not set (the harness exposes the sandbox kubeconfig there)');
  return execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', CLUSTER, ...args], { encoding: 'utf8', timeout: 30_000 });
}

const jp = (path: string, ...target: string[]) => kubectl('get', ...target, '-n', NS, '-o', `jsonpath=${path}`).trim();
const image = () => jp('{.spec.template.spec.containers[0].image}', 'deployment', 'web');
const replicaSets = () => jp('{range .items[*]}{.metadata.name}{"\\n"}{end}', 'replicasets', '-l', 'app=web').split('\n').filter(Boolean);

const replicaStatus = (page: Page) => page.getByRole('status', { name: 'Replica status' });

test.describe.serial('workload operations', () => {
  test.beforeAll(() => {
    kubectl('create', 'namespace', NS);
    kubectl('create', 'deployment', 'web', '-n', NS, '--image=nginx:1.25', '--replicas=2');
  });
  test.afterAll(() => {
    kubectl('delete', 'namespace', NS, '--wait=false');
  });

  test('scale from 2 to 5 with the replica input, see 5 ready, then back to 1 with the slider keyboard', async ({ page }) => {
    await gotoReady(page, DEPLOY_URL);
    const status = replicaStatus(page);
    await expect(status).toContainText('ready 2', { timeout: 30_000 });
    const count = page.getByRole('spinbutton', { name: 'Replicas count' });
    await expect(count).toHaveValue('2');
    await count.fill('5');
    await expect.poll(() => jp('{.spec.replicas}', 'deployment', 'web'), { timeout: 15_000 }).toBe('5');
    await expect(status).toContainText('desired 5', { timeout: 30_000 });
    await expect(status).toContainText('ready 5', { timeout: 30_000 });

    const slider = page.getByRole('slider', { name: 'Replicas' });
    await expect(slider).toHaveAttribute('max', '10');
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => jp('{.spec.replicas}', 'deployment', 'web'), { timeout: 15_000 }).toBe('1');
    await expect(status).toContainText('ready 1', { timeout: 30_000 });
  });

  test('three revisions, diff 1 against 3, roll back to 1 and see a new revision', async ({ page }) => {
    kubectl('set', 'image', 'deployment/web', '-n', NS, 'nginx=nginx:1.26');
    await expect.poll(() => replicaSets().length, { timeout: 15_000 }).toBe(2);
    kubectl('set', 'image', 'deployment/web', '-n', NS, 'nginx=nginx:1.27');
    await expect.poll(() => replicaSets().length, { timeout: 15_000 }).toBe(3);

    await gotoReady(page, `${DEPLOY_URL}?tab=history`);
    const table = page.getByRole('table', { name: 'Revisions' });
    for (const r of [1, 2, 3]) await expect(table.getByRole('checkbox', { name: `Compare revision ${r}` })).toBeVisible();
    await table.getByRole('checkbox', { name: 'Compare revision 1' }).check();
    await table.getByRole('checkbox', { name: 'Compare revision 3' }).check();
    const diff = page.getByRole('region', { name: 'Revision 1 vs revision 3' });
    await expect(diff).toContainText('nginx:1.25');
    await expect(diff).toContainText('nginx:1.27');

    await table.getByRole('button', { name: 'Roll back to revision 1' }).click();
    const dialog = page.getByRole('dialog', { name: /Roll back web to revision 1/ });
    await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect.poll(image, { timeout: 15_000 }).toBe('nginx:1.25');
    await expect(table.getByRole('checkbox', { name: 'Compare revision 4' })).toBeVisible({ timeout: 15_000 });
    await expect(table.getByRole('checkbox', { name: 'Compare revision 1' })).toHaveCount(0);
  });

  test('restart creates a new ReplicaSet', async ({ page }) => {
    const before = replicaSets();
    await gotoReady(page, DEPLOY_URL);
    await page.getByRole('button', { name: 'Restart', exact: true }).click();
    await expect.poll(() => replicaSets().filter((n) => !before.includes(n)).length, { timeout: 15_000 }).toBe(1);
    expect(jp('{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}', 'deployment', 'web')).not.toBe('');
  });

  test('pause: an image change makes no rollout until Resume', async ({ page }) => {
    await gotoReady(page, DEPLOY_URL);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    await expect.poll(() => jp('{.spec.paused}', 'deployment', 'web')).toBe('true');
    const before = replicaSets();
    kubectl('set', 'image', 'deployment/web', '-n', NS, 'nginx=nginx:1.28');
    // the controller has seen the new template (observedGeneration caught up) and still made no ReplicaSet
    await expect
      .poll(() => {
        const [generation, observed] = jp('{.metadata.generation} {.status.observedGeneration}', 'deployment', 'web').split(' ');
        return generation === observed;
      }, { timeout: 15_000 })
      .toBe(true);
    expect(replicaSets()).toEqual(before);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => replicaSets().length, { timeout: 15_000 }).toBe(before.length + 1);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  });

  test('cordon a node and see it unschedulable, then uncordon', async ({ page }) => {
    const node = kubectl('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}').trim();
    await gotoReady(page, `/c/${CLUSTER}/r/core/v1/nodes/_/${node}`);
    await page.getByRole('button', { name: 'Cordon', exact: true }).click();
    await expect.poll(() => kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}').trim(), { timeout: 15_000 }).toBe('true');
    await expect(page.getByRole('button', { name: 'Uncordon', exact: true })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Uncordon', exact: true }).click();
    await expect.poll(() => kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}').trim(), { timeout: 15_000 }).toBe('');
  });
});
