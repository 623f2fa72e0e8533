// The Stripe webhooks' own table: the events already handled (each event id is applied once).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_stripe_events')
    .addColumn('id', sql.raw('text collate "C"'), (column) => column.primaryKey())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('processed_at', 'bigint', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_stripe_events').execute();
}
