// The API's webhook tables: organizations' endpoints, and one delivery row per event and
// endpoint (the event outbox and its delivery log).
import { sql, type Kysely } from 'kysely';

const text = sql.raw('text collate "C"');

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('_seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull())
    .addColumn('organization_id', text, (column) => column.notNull())
    .addColumn('id', text, (column) => column.notNull())
    .addColumn('url', text, (column) => column.notNull())
    .addColumn('events', 'json', (column) => column.notNull())
    .addColumn('secret', text, (column) => column.notNull())
    .addColumn('description', text)
    .addColumn('created_at', text, (column) => column.notNull())
    .addPrimaryKeyConstraint('webhook_endpoints_pkey', ['organization_id', 'id'])
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('_seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull())
    .addColumn('organization_id', text, (column) => column.notNull())
    .addColumn('id', text, (column) => column.notNull())
    .addColumn('event_id', text, (column) => column.notNull())
    .addColumn('endpoint_id', text, (column) => column.notNull())
    .addColumn('type', text, (column) => column.notNull())
    .addColumn('payload', text, (column) => column.notNull())
    .addColumn('status', text, (column) => column.notNull())
    .addColumn('attempts', 'bigint', (column) => column.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('last_status', 'bigint')
    .addColumn('last_error', text)
    .addColumn('last_attempt_at', text)
    .addColumn('created_at', text, (column) => column.notNull())
    .addPrimaryKeyConstraint('webhook_deliveries_pkey', ['organization_id', 'id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_endpoint_idx').on('webhook_deliveries').columns(['organization_id', 'endpoint_id']).execute();
  await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
