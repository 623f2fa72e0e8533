// The migrations, in order: the schema is these files. A new one is added at the end, under a
// name that sorts after the others; one that has landed is never edited.
import type { Migration, MigrationProvider } from 'kysely';
import * as tables from './0001-tables.js';

export const migrations: Record<string, Migration> = {
  '0001-tables': tables,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
