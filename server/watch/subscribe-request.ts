/**
 * A socket's `subscribe` payload, checked: the zod schema (lib/protocol.ts), then its label and field selectors
 * parsed, each failure a 400 with the field named.
 */
import { subscribeRequest, type SubscribeAck, type SubscribeRequest } from '../../lib/protocol';
import { parseSelector, type Requirement } from '../../lib/k8s/machinery/labels';
import { parseFieldSelector, type FieldRequirement } from './field-selector';

export const fail = (status: number, reason: string, message: string): SubscribeAck => ({ ok: false, error: { status, reason, message } });

export type ParsedSubscription = { req: SubscribeRequest; reqs?: Requirement[]; fields?: FieldRequirement[] } | { error: SubscribeAck };

export function parseSubscription(raw: unknown): ParsedSubscription {
  const p = subscribeRequest.safeParse(raw);
  if (!p.success) return { error: fail(400, 'BadRequest', p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) };
  const req = p.data;
  let reqs: Requirement[] | undefined;
  try {
    reqs = req.labelSelector ? parseSelector(req.labelSelector) : undefined;
  } catch (e) {
    return { error: fail(400, 'BadRequest', `labelSelector: ${(e as Error).message}`) };
  }
  try {
    return { req, reqs, fields: req.fieldSelector ? parseFieldSelector(req.fieldSelector) : undefined };
  } catch (e) {
    return { error: fail(400, 'BadRequest', `fieldSelector: ${(e as Error).message}`) };
  }
}
