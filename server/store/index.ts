/** The state store's public surface: open it, its table types, and the queries other parts use. */
export { openStore, type Store, type StoreOptions, type StoreDialect } from './open';
export type * from './schema';
export { findConsoleActor, queryAudit, pruneAudit, type ConsoleActor, type ObjectRef, type AuditFilter } from './audit-events';
export { recentExecSessions } from './exec-sessions';
