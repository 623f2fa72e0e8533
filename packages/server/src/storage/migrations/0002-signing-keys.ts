// The server's own table (not one of the API's records): the keys member tokens are signed with,
// shared by every server process on the database. The newest signs; older ones keep verifying
// the tokens they signed until those expired (rotation signs nobody out).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_signing_keys')
    .addColumn('_seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull())
    .addColumn('id', sql.raw('text collate "C"'), (column) => column.primaryKey())
    .addColumn('secret', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_signing_keys').execute();
}
