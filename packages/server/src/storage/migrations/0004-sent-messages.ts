// The server's own table: the outbox messages its mailer has handed to the SMTP server, so that
// a message given to it twice (a retry, two processes) goes out once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_sent_messages')
    .addColumn('organization_id', sql.raw('text collate "C"'), (column) => column.notNull())
    .addColumn('id', sql.raw('text collate "C"'), (column) => column.notNull())
    .addColumn('sent_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('server_sent_messages_pkey', ['organization_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_sent_messages').execute();
}
