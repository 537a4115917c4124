/**
 * core/v1 Event recorder with aggregation: a repeat of (object, reason, message) bumps count and
 * lastTimestamp on the existing Event instead of creating a new one, like client-go's EventCorrelator.
 * Writes for a repeating event are coalesced to at most one per second per event so crashloops don't flood.
 */
import type { KObject, SandboxClient } from '../../types';
import { iso } from './clock';
import { R } from './refs';

export const EVENT_TTL_MS = 60 * 60 * 1000;

interface Entry {
  name: string;
  namespace: string;
  count: number;
  first: string;
  flushed: number;
  timer?: NodeJS.Timeout;
  /** the latest message of a combined event (bumps carry it, as upstream's patch does) */
  message?: string;
}

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private entries = new Map<string, Entry>();
  private similar = new Map<string, { since: number; messages: Set<string> }>();
  private stopped = false;
  /** disabled while bulk-seeding (scale scenario) */
  enabled = true;

  private sweeper?: NodeJS.Timeout;

  constructor(private readonly client: SandboxClient, private readonly ttlMs = EVENT_TTL_MS) {
    // kube-apiserver's --event-ttl (1h): old events are removed so a long-running sandbox doesn't grow forever
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, ttlMs));
    this.sweeper.unref?.();
  }

  sweep(now = Date.now()): void {
    if (this.stopped) return;
    for (const e of this.client.list(R.events).items) {
      const last = Date.parse(((e as { lastTimestamp?: string }).lastTimestamp ?? e.metadata.creationTimestamp) || '');
      if (!(now - last > this.ttlMs)) continue;
      try {
        this.client.delete(R.events, e.metadata.namespace, e.metadata.name!);
      } catch {
        /* gone already */
      }
    }
    for (const [k, e] of this.entries) if (now - e.flushed > this.ttlMs && !e.timer) this.entries.delete(k);
  }

  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource): void {
    if (this.stopped || !this.enabled) return;
    const md = obj.metadata;
    const namespace = md.namespace ?? 'default';
    // client-go's EventAggregator: from the 10th distinct message of one (object, type, reason, source)
    // within 10 minutes on, they are folded into one "(combined from similar events): …" Event
    const aggKey = `${md.uid}|${type}|${reason}|${source.component}|${source.host ?? ''}`;
    let similar = this.similar.get(aggKey);
    if (!similar || Date.now() - similar.since > 600_000) this.similar.set(aggKey, (similar = { since: Date.now(), messages: new Set() }));
    if (similar.messages.size < 10) similar.messages.add(message);
    if (this.similar.size > 20000) this.similar.delete(this.similar.keys().next().value!);
    const combined = similar.messages.size >= 10;
    if (combined) message = `(combined from similar events): ${message}`;
    const key = combined ? `${aggKey}|combined` : `${md.uid}|${reason}|${message}|${source.component}|${source.host ?? ''}`;
    const now = iso();
    const e = this.entries.get(key);
    if (e) {
      e.count++;
      if (combined) e.message = message;
      if (e.timer) return;
      const wait = Math.max(0, 1000 - (Date.now() - e.flushed));
      e.timer = setTimeout(() => {
        e.timer = undefined;
        e.flushed = Date.now();
        this.bump(e);
      }, wait);
      e.timer.unref?.();
      return;
    }
    // upstream names an Event "<object>.<UnixNano in hex>"; a per-process counter fills the sub-millisecond digits
    eventSeq = (eventSeq + 1) % 1_000_000;
    const name = `${md.name}.${(BigInt(Date.now()) * 1_000_000n + BigInt(eventSeq)).toString(16)}`;
    const entry: Entry = { name, namespace, count: 1, first: now, flushed: Date.now() };
    this.entries.set(key, entry);
    if (this.entries.size > 20000) this.entries.delete(this.entries.keys().next().value!);
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: md.name,
        namespace: md.namespace,
        uid: md.uid,
        resourceVersion: md.resourceVersion,
        ...(fieldPathOf(obj, reason) ? { fieldPath: fieldPathOf(obj, reason) } : {}),
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
    };
    try {
      this.client.create(R.events, ev);
    } catch {
      this.entries.delete(key); // namespace terminating or gone: drop the event like a real recorder does
    }
  }

  private bump(e: Entry): void {
    if (this.stopped) return;
    try {
      this.client.patch(R.events, e.namespace, e.name, 'merge', { count: e.count, lastTimestamp: iso(), ...(e.message ? { message: e.message } : {}) });
    } catch {
      /* the event may have been deleted (TTL/namespace deletion): nothing to do */
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
  }
}

// container-level events carry a fieldPath in real clusters; the kubelet passes it via the message prefix-free API below
let eventSeq = 0;

const fieldPaths = new WeakMap<KObject, string>();
function fieldPathOf(obj: KObject, _reason: string): string | undefined {
  return fieldPaths.get(obj);
}

/** A view of a pod that makes the recorder set involvedObject.fieldPath (e.g. spec.containers{web}). */
export function withFieldPath(pod: KObject, fieldPath: string): KObject {
  const view = { ...pod };
  fieldPaths.set(view, fieldPath);
  return view;
}
