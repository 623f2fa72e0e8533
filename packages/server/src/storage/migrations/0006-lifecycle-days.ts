// The server's own table: the days the lifecycle finished for each organization (its own day, in
// its time zone), so that the scheduler runs each day once and catches up days it missed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_lifecycle_days')
    .addColumn('organization_id', sql.raw('text collate "C"'), (column) => column.notNull())
    .addColumn('day', sql.raw('text collate "C"'), (column) => column.notNull())
    .addColumn('finished_at', 'bigint', (column) => column.notNull())
    .addColumn('how', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('server_lifecycle_days_pkey', ['organization_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_lifecycle_days').execute();
}
