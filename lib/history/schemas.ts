/**
 * zod mirrors of the change history's answer shapes (types.ts), so the browser validates what it reads
 * (ARCHITECTURE convention 8). Kept beside the contract; `satisfies` checks they agree with it.
 */
import { z } from 'zod';
import { CHANGE_TYPES, type ChangeDetail, type ChangePage, type ChangeRecord } from './types';

const actor = z.object({ name: z.string(), via: z.enum(['console', 'controller', 'manager', 'unknown']), manager: z.string().optional() });

export const changeRecordSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  group: z.string(),
  version: z.string(),
  resource: z.string(),
  kind: z.string(),
  namespace: z.string().nullable(),
  name: z.string(),
  uid: z.string(),
  resourceVersion: z.string(),
  time: z.string(),
  type: z.enum(CHANGE_TYPES),
  actor,
  summary: z.string(),
}) satisfies z.ZodType<ChangeRecord>;

export const changeDetailSchema = changeRecordSchema.extend({
  diff: z.array(z.object({ path: z.string(), op: z.enum(['add', 'remove', 'replace']), before: z.unknown().optional(), after: z.unknown().optional() })),
  object: z.record(z.string(), z.unknown()).nullable(),
}) satisfies z.ZodType<ChangeDetail>;

export const changePageSchema = z.object({ items: z.array(changeRecordSchema), nextCursor: z.string().optional() }) satisfies z.ZodType<ChangePage>;

/** one 'changes' frame of the live subscription */
export const changesFrameSchema = z.object({ subscription: z.string(), items: z.array(changeRecordSchema) });
