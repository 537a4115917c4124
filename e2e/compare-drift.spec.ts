/**
 * Compare and Drift end to end across the two sandbox clusters: a namespace made with the real kubectl in
 * both, holding one identical Deployment, one Deployment whose image differs and a ConfigMap only sandbox-east
 * has. Compare (from the object's page) shows the differing image side by side and says plainly when the
 * other cluster lacks the object; Drift (from the namespace's page) lists what is missing and what differs.
 */
import { test, expect } from '@playwright/test';
import { gotoReady, kubectl } from './ui-helpers';

const NS = `drift-${Date.now().toString(36)}`;
const CLUSTERS = ['sandbox-east', 'sandbox-west'] as const;

test.describe.serial('compare and drift', () => {
  test.beforeAll(() => {
    for (const c of CLUSTERS) {
      kubectl(c, ['create', 'namespace', NS]);
      kubectl(c, ['create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '--replicas=1']);
      kubectl(c, ['create', 'deployment', 'api', '-n', NS, `--image=busybox:${c === 'sandbox-east' ? '1.36' : '1.37'}`, '--replicas=1']);
    }
    kubectl('sandbox-east', ['create', 'configmap', 'only-east', '-n', NS, '--from-literal=mode=fast']);
  });
  test.afterAll(() => {
    for (const c of CLUSTERS) kubectl(c, ['delete', 'namespace', NS, '--wait=false']);
  });

  test('Compare a Deployment with the same Deployment in the other cluster', async ({ page }) => {
    await gotoReady(page, `/c/sandbox-east/r/apps/v1/deployments/${NS}/api`);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Compare', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Other cluster', { exact: true })).toHaveValue('sandbox-west');
    const diff = page.getByRole('region', { name: `sandbox-east / ${NS} vs sandbox-west / ${NS}` });
    await expect(diff).toContainText('image: busybox:1.36');
    await expect(diff).toContainText('image: busybox:1.37');
    await expect(diff).toContainText('1 changed line(s)');
    // what the cluster assigns is not part of the comparison
    await expect(diff).not.toContainText('uid:');
    await expect(diff).not.toContainText('resourceVersion');

    // the same object in another namespace of this cluster: not there, said in a sentence
    await page.getByLabel('Other cluster', { exact: true }).selectOption('sandbox-east');
    await page.getByLabel('Other namespace', { exact: true }).fill('default');
    await page.getByRole('button', { name: 'Show differences' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'does not exist' })).toHaveText(`Deployment api does not exist in sandbox-east / default.`);
  });

  test('Compare says so when the other cluster lacks the object', async ({ page }) => {
    await gotoReady(page, `/c/sandbox-east/r/core/v1/configmaps/${NS}/only-east`);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'does not exist' })).toHaveText(`ConfigMap only-east does not exist in sandbox-west / ${NS}.`);
  });

  test('Drift of a namespace across both clusters, from the namespace page', async ({ page }) => {
    await gotoReady(page, `/c/sandbox-east/r/core/v1/namespaces/_/${NS}`);
    await page.getByRole('link', { name: 'Drift', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Drift', level: 1 })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'sandbox-west' })).toBeChecked();
    await expect(page.getByRole('status').filter({ hasText: 'drifted' })).toHaveText('2 object(s) drifted across sandbox-east, sandbox-west.');

    const deployments = page.getByRole('region', { name: 'Deployments' });
    await expect(deployments).toContainText('1 drifted · 1 identical');
    const api = deployments.getByRole('row', { name: /api/ });
    await expect(api).toContainText('Differs: sandbox-east ≠ sandbox-west');
    const configMaps = page.getByRole('region', { name: 'ConfigMaps' });
    await expect(configMaps.getByRole('row', { name: /only-east/ })).toContainText('Missing in sandbox-west');

    await api.getByRole('link', { name: 'Compare api' }).click();
    await expect(page.getByRole('region', { name: `sandbox-east / ${NS} vs sandbox-west / ${NS}` })).toContainText('image: busybox:1.37');
  });
});
