// @vitest-environment jsdom
/**
 * The YAML tab against a real data plane and sandbox: it follows the object through the page's watch by name
 * (no list watch, however many objects share the namespace), and a stale Apply is a real 409 shown as the
 * three-way conflict view with the user's text kept. Monaco is replaced by a textarea (it needs a real browser);
 * everything it would send goes through the real editor logic.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import { startBrowserHarness, type BrowserHarness } from '../../server/watch/browser-testing';
import { kindByResource } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import YamlTab from './yaml-tab';

vi.mock('./code-editor', () => ({
  default: (p: { value: string; onChange: (v: string) => void }) => <textarea aria-label="YAML text" value={p.value} onChange={(e) => p.onChange(e.target.value)} />,
}));

let b: BrowserHarness;
const NS = 'crowded';
const PODS = 300;
const api = (resource: string, name = '') => `/api/clusters/${b.cluster}/resources/core/v1/${resource}${name ? `/${name}` : ''}?namespace=${NS}`;

beforeAll(async () => {
  b = await startBrowserHarness({ name: 'yaml-tab-test', sandbox: { scenario: 'empty' } });
  expect((await b.call('POST', `/api/clusters/${b.cluster}/resources/core/v1/namespaces`, { metadata: { name: NS } })).status).toBe(201);
  for (let i = 0; i < PODS; i += 30) {
    await Promise.all(
      Array.from({ length: Math.min(30, PODS - i) }, (_, j) =>
        b.call('POST', api('pods'), { metadata: { name: `pod-${i + j}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }).then((r) => expect(r.status).toBe(201)),
      ),
    );
  }
}, 240_000);
afterAll(async () => {
  cleanup();
  await b?.close();
});

describe('YAML tab', () => {
  it(`opens no list watch to edit one pod in a namespace of ${PODS} pods`, async () => {
    const before = b.emitted.length;
    const pod = (await b.call<K8sObject>('GET', api('pods', 'pod-7'))).body;
    const view = render(<YamlTab cluster={b.cluster} kind={kindByResource('', 'pods')!} obj={pod} />, { wrapper: b.wrapper });
    const text = (await view.findByLabelText('YAML text')) as HTMLTextAreaElement;
    expect(text.value).toContain('name: pod-7');
    // the object's own watch is live (it is how the tab notices changes)
    await waitFor(() => expect(b.emitted.slice(before).some((e) => e.event === 'subscribe')).toBe(true));
    const subs = b.emitted.slice(before).filter((e) => e.event === 'subscribe').map((e) => e.payload as { resource: string; fieldSelector?: string });
    expect(subs).toEqual([expect.objectContaining({ resource: 'pods', namespace: NS, fieldSelector: 'metadata.name=pod-7' })]);
    view.unmount();
  });

  it('shows a stale Apply as a conflict (a real 409), keeping the user text and the other writer’s change', async () => {
    const made = await b.call<K8sObject>('POST', api('configmaps'), { metadata: { name: 'settings' }, data: { a: '1' } });
    expect(made.status).toBe(201);
    const view = render(<YamlTab cluster={b.cluster} kind={kindByResource('', 'configmaps')!} obj={made.body} />, { wrapper: b.wrapper });
    const text = (await view.findByLabelText('YAML text')) as HTMLTextAreaElement;
    const mine = text.value.replace('a: "1"', 'a: mine');
    expect(mine).not.toBe(text.value);
    fireEvent.change(text, { target: { value: mine } });

    // someone else changes the object after the edit started
    expect((await b.call('PATCH', api('configmaps', 'settings'), { data: { b: 'theirs' } }, 'application/merge-patch+json')).status).toBe(200);
    // the object's watch notices before any write
    await view.findByText(/changed on the server since you started editing/);

    fireEvent.click(view.getByRole('button', { name: 'Apply' }));
    const conflict = await view.findByRole('heading', { name: /^Server now/ });
    const pane = conflict.closest('section')!;
    expect(within(pane).getByText(/theirs/)).toBeTruthy();
    expect(view.getByRole('heading', { name: 'Your edit' }).closest('section')!.textContent).toContain('a: mine');
    expect(view.getByRole('button', { name: 'Use merged result' })).toBeTruthy();
    // nothing was overwritten
    const now = (await b.call<K8sObject>('GET', api('configmaps', 'settings'))).body;
    expect(now.data).toEqual({ a: '1', b: 'theirs' });
    // the merged result keeps both changes and becomes the new text, based on the server's version
    fireEvent.click(view.getByRole('button', { name: 'Use merged result' }));
    await waitFor(() => expect((view.getByLabelText('YAML text') as HTMLTextAreaElement).value).toMatch(/a: mine[\s\S]*b: theirs/));
    view.unmount();
  });
});
