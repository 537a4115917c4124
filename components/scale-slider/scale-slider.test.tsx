// @vitest-environment jsdom
/**
 * The replica control against a real data plane and sandbox (no controllers: only the test and the control
 * write the deployment): the typed count shows at once and stands until the live object agrees; a count chosen
 * from a version someone else has since changed is a real 409, shown as a conflict, and the shown value reverts
 * to the server's instead of overwriting the other writer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { startBrowserHarness, type BrowserHarness } from '../../server/watch/browser-testing';
import { kindByResource } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import { ScaleSlider } from './scale-slider';

let b: BrowserHarness;
const NS = 'scale';
const deploy = (sub = '') => `/api/clusters/${b.cluster}/resources/apps/v1/deployments/web${sub}?namespace=${NS}`;
const labels = { app: 'web' };

beforeAll(async () => {
  b = await startBrowserHarness({ name: 'slider-test', sandbox: { scenario: 'empty' } });
  expect((await b.call('POST', `/api/clusters/${b.cluster}/resources/core/v1/namespaces`, { metadata: { name: NS } })).status).toBe(201);
  const made = await b.call('POST', `/api/clusters/${b.cluster}/resources/apps/v1/deployments?namespace=${NS}`, {
    metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  expect(made.status).toBe(201);
}, 240_000);
afterAll(async () => {
  cleanup();
  await b?.close();
});

const replicasOnServer = async () => (await b.call<K8sObject>('GET', deploy())).body.spec.replicas as number;

describe('ScaleSlider', () => {
  it('shows the chosen count at once, sends it, and settles on the live value', async () => {
    const obj = (await b.call<K8sObject>('GET', deploy())).body;
    const view = render(<ScaleSlider cluster={b.cluster} kind={kindByResource('apps', 'deployments')!} obj={obj} />, { wrapper: b.wrapper });
    const status = view.getByRole('status', { name: 'Replica status' });
    await waitFor(() => expect(status.textContent).toContain('desired 2'));
    const count = view.getByRole('spinbutton', { name: 'Replicas count' }) as HTMLInputElement;

    fireEvent.change(count, { target: { value: '3' } });
    // optimistic: shown before anything was sent
    expect(count.value).toBe('3');
    expect(status.textContent).toContain('updating…');
    await waitFor(() => expect(status.textContent).toMatch(/desired 3(?![\s\S]*updating)/), { timeout: 10_000 });
    expect(await replicasOnServer()).toBe(3);
    expect(b.fetches.some((f) => f.method === 'PATCH' && f.url.includes('/deployments/web/scale?'))).toBe(true);
    view.unmount();
  });

  it('reverts and shows a conflict when the count was changed by someone else since the user saw it', async () => {
    const obj = (await b.call<K8sObject>('GET', deploy())).body;
    const view = render(<ScaleSlider cluster={b.cluster} kind={kindByResource('apps', 'deployments')!} obj={obj} />, { wrapper: b.wrapper });
    const status = view.getByRole('status', { name: 'Replica status' });
    await waitFor(() => expect(status.textContent).toContain('desired 3'));
    const count = view.getByRole('spinbutton', { name: 'Replicas count' }) as HTMLInputElement;

    // the page stops hearing about changes (a dropped socket), and someone else scales meanwhile
    b.client.socket.disconnect();
    const other = await b.call('PATCH', deploy('/scale'), { spec: { replicas: 5 } }, 'application/merge-patch+json');
    expect(other.status).toBe(200);

    fireEvent.change(count, { target: { value: '4' } });
    expect(count.value).toBe('4');
    const alert = await view.findByRole('alert', { name: 'Scale conflict' }, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/Not scaled to 4: web was changed on the server/);
    // the optimistic value is gone: back to what the page knows, and the other writer's count stands
    await waitFor(() => expect(count.value).toBe('3'));
    expect(await replicasOnServer()).toBe(5);

    // once the page hears again, it shows the server's count
    b.client.socket.connect();
    await waitFor(() => expect(status.textContent).toContain('desired 5'), { timeout: 10_000 });
    expect(count.value).toBe('5');
    view.unmount();
  });
});
