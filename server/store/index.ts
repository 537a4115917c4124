/** The state store's public surface: open it, its table types, and the migration list. */
export { openStore, type Store, type StoreOptions, type StoreDialect } from './open';
export type * from './schema';
