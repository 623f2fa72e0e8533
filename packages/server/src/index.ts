/**
 * `@memberkit/server`: the memberkit membership API as a service. Its storages: SQL through
 * Kysely on PGlite (embedded, a data directory) or PostgreSQL (DATABASE_URL).
 * @module
 */
export { SqlStorage, StorageBusyError, migrate, type Claims, type SqlStorageOptions } from './storage/sql-storage.js';
export { openPgliteStorage, DataDirectoryInUseError, type PgliteStorageOptions } from './storage/pglite.js';
export { openPostgresStorage, type PostgresStorageOptions } from './storage/postgres.js';
