// What a member (or staff) said when cancelling a membership, kept for the organization.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('memberships').addColumn('cancel_reason', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('memberships').dropColumn('cancel_reason').execute();
}
