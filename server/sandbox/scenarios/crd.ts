/** The demo CRD (widgets.example.wheelhouse.dev) and a few instances. */
import type { KObject, SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { ensure } from './builders';

export const WIDGETS = { group: 'example.wheelhouse.dev', version: 'v1', resource: 'widgets' };

export const widgetCrd: KObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.wheelhouse.dev' },
  spec: {
    group: 'example.wheelhouse.dev',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wdg'], categories: ['all'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'string', enum: ['small', 'medium', 'large'] },
                  color: { type: 'string' },
                  replicas: { type: 'integer', minimum: 0, maximum: 20 },
                },
              },
              status: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer' },
                  phase: { type: 'string' },
                  selector: { type: 'string' },
                },
              },
            },
          },
        },
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
        additionalPrinterColumns: [
          { name: 'Size', type: 'string', jsonPath: '.spec.size' },
          { name: 'Color', type: 'string', jsonPath: '.spec.color' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

export async function applyWidgets(client: SandboxClient, ns: string, items: { name: string; size: string; color: string; replicas: number }[]): Promise<void> {
  ensure(client, R.crds, widgetCrd);
  for (const w of items) {
    const obj: KObject = {
      apiVersion: 'example.wheelhouse.dev/v1',
      kind: 'Widget',
      metadata: { name: w.name, namespace: ns, labels: { app: 'widgets' } },
      spec: { size: w.size, color: w.color, replicas: w.replicas },
    };
    // the CRD becomes servable asynchronously (Established): retry briefly
    let created: KObject | undefined;
    for (let i = 0; i < 100 && !created; i++) {
      try {
        created = ensure(client, WIDGETS, obj);
      } catch (e) {
        if (i === 99) throw e;
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    try {
      client.patch(WIDGETS, ns, w.name, 'merge', { status: { replicas: w.replicas, phase: w.replicas > 0 ? 'Running' : 'Idle', selector: 'app=widgets' } }, { subresource: 'status' });
    } catch {
      /* status subresource optional */
    }
  }
}
