/**
 * The console user behind a change: the store's audit record of a successful write through the console whose
 * answer carried the same object (uid) at the same resourceVersion; for a deletion, the console's delete of
 * that uid. Writes that did not go through the console have no such record and keep the field manager.
 */
import type { HistoryDb } from './history-store';
import type { AuditMatch } from './cluster-recorder';

type AuditEventsView = {
  audit_events: {
    at: Date;
    username: string;
    cluster: string;
    verb: string;
    result: string;
    uid: string | null;
    resource_version: string | null;
  };
};

/** how far back a write's audit record is looked for (a relist after an outage finds older ones) */
const WINDOW_MS = 24 * 3600_000;

export async function consoleUsers(db: HistoryDb, cluster: string, changes: AuditMatch[], now = new Date()): Promise<(string | undefined)[]> {
  const uids = [...new Set(changes.map((c) => c.uid))];
  if (!uids.length) return [];
  const rows = await db
    .withTables<AuditEventsView>()
    .selectFrom('audit_events')
    .select(['username', 'verb', 'uid', 'resource_version', 'at'])
    .where('cluster', '=', cluster)
    .where('result', '=', 'success')
    .where('uid', 'in', uids)
    .where('at', '>', new Date(now.getTime() - WINDOW_MS))
    .orderBy('at')
    .execute();
  const byVersion = new Map<string, string>();
  const deleter = new Map<string, string>();
  for (const r of rows) {
    if (!r.uid) continue;
    if (r.verb === 'delete') deleter.set(r.uid, r.username);
    if (r.resource_version) byVersion.set(`${r.uid}@${r.resource_version}`, r.username);
  }
  return changes.map((c) => (c.type === 'deleted' ? deleter.get(c.uid) : byVersion.get(`${c.uid}@${c.resourceVersion}`)));
}
