/**
 * Row subscriptions (lib/k8s/rows/project.ts): the fan-out's views that asked for rows get each object's list
 * row instead of the object, and a change that alters no row value is not sent at all.
 *
 * One projector per (feed, column set) — built-in kinds have one column set, a custom resource one per set of
 * printer columns — shared by every row view of the feed. It keeps `last`, the object whose row the room last got
 * per key: a flush projects each event's object once, compares with the row of `last` and marks unchanged
 * MODIFIED events, which every row view then drops. Rows are not kept: a snapshot projects page by page. Snapshots project their (captured) objects page by page and only seed `last` where
 * it has no entry, so a snapshot page never overwrites a newer row a flush has sent; a key without an entry is
 * treated as changed (sent). The projector lives while a row view of the feed does.
 */
import { createHash } from 'node:crypto';
import type { InformerEvent } from '../k8s/informer';
import { objectKey } from '../k8s/informer';
import type { Obj } from '../k8s/strip';
import type { WireObject } from '../../lib/protocol';
import type { Column } from '../../lib/k8s/columns';
import type { K8sObject } from '../../lib/k8s/types';
import { kindByResource } from '../../lib/k8s/registry';
import { columnsFromPrinterColumns, type PrinterColumn } from '../../lib/k8s/crd';
import { projectRow, sameRow, type RowObject } from '../../lib/k8s/rows/project';
import type { WireEvent } from './views';


/** The columns the browser's table shows for the resource (the same lib code builds them there). */
export function rowColumns(group: string, resource: string, namespaced: boolean, printerColumns?: PrinterColumn[]): { id: string; columns: Column[] } {
  const builtin = kindByResource(group, resource);
  if (builtin) return { id: `k:${builtin.id}`, columns: builtin.columns };
  const pcs = printerColumns ?? [];
  const id = `p:${namespaced ? 'n' : 'c'}:${createHash('sha1').update(JSON.stringify(pcs)).digest('base64url').slice(0, 16)}`;
  return { id, columns: columnsFromPrinterColumns(namespaced, pcs) };
}

export class RowProjector {
  /** row views using this projector */
  views = 0;
  /**
   * Per key, the object whose row the room last got. Objects, not rows: the informer holds them anyway, so a
   * 50,000-pod list costs one map entry per pod here, not a second copy of every row.
   */
  private last = new Map<string, Obj>();
  /** this flush's events (views.ts may re-wrap events, never objects): the object's row, or null when unchanged */
  private changes = new WeakMap<Obj, RowObject | null>();

  constructor(
    readonly id: string,
    readonly columns: Column[],
  ) {}

  row(o: Obj): RowObject {
    return projectRow(this.columns, o as K8sObject);
  }

  /** Called once per flush, before the views filter it: what each event changes in the rows. */
  observe(events: readonly InformerEvent[]): void {
    for (const e of events) {
      const key = objectKey(e.object);
      if (e.type === 'DELETED') {
        this.last.delete(key);
        continue;
      }
      const row = this.row(e.object);
      const prev = this.last.get(key);
      this.last.set(key, e.object);
      this.changes.set(e.object, prev && sameRow(this.row(prev), row) ? null : row);
    }
  }

  /** A snapshot page's rows; seeds `last` where the room has no row yet (never over a newer one). */
  page(items: readonly Obj[]): RowObject[] {
    return items.map((o) => {
      const key = objectKey(o);
      if (!this.last.has(key)) this.last.set(key, o);
      return this.row(o);
    });
  }

  /**
   * A view's live events (already filtered by views.ts filterLive) as row events: unchanged MODIFIEDs dropped,
   * ADDED (also a label change into a selector) always sent, DELETED as the row's identity.
   */
  live(events: readonly InformerEvent[]): WireEvent[] {
    const out: WireEvent[] = [];
    for (const e of events) {
      if (e.type === 'DELETED') out.push(deleted(e.object));
      else {
        let change = this.changes.get(e.object);
        if (e.type === 'MODIFIED' && change === null) continue;
        if (!change) this.changes.set(e.object, (change = this.row(e.object)));
        out.push({ type: e.type, object: wire(change) });
      }
    }
    return out;
  }

  /** Events for one socket (catch-up after a reconnect, a fold's difference): every event, as rows. */
  all(events: readonly InformerEvent[]): WireEvent[] {
    return events.map((e) => (e.type === 'DELETED' ? deleted(e.object) : { type: e.type, object: wire(this.row(e.object)) }));
  }
}

const wire = (r: RowObject) => r as unknown as WireObject;

function deleted(o: Obj): WireEvent {
  const m = o.metadata;
  const metadata: WireObject['metadata'] = { name: m.name };
  if (m.namespace !== undefined) metadata.namespace = m.namespace;
  if (m.resourceVersion !== undefined) metadata.resourceVersion = m.resourceVersion;
  if (m.uid !== undefined) metadata.uid = m.uid;
  return { type: 'DELETED', object: { metadata, cells: [] } as WireObject };
}
